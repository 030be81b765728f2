package dev.ledger.api;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.newAccountId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input is answered 4xx application/problem+json with a stable type, and changes nothing. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

    private static final long OPENING = 1_000;
    private final String from = newAccountId("bad-from");
    private final String to = newAccountId("bad-to");
    private Map<String, Object> ledgerBefore;

    /** Not @BeforeAll: the HTTP port of a @QuarkusTest is known only once its tests run. */
    @BeforeEach
    void createAccountsOnce() {
        if (ledgerBefore == null) {
            for (String id : List.of(from, to)) {
                given().contentType("application/json").body(Map.of("id", id, "initialBalance", OPENING))
                        .post("/accounts").then().statusCode(201);
            }
            ledgerBefore = transferCounts();
        }
    }

    Stream<Arguments> badTransfers() {
        String valid = "\"from\":\"" + from + "\",\"to\":\"" + to + "\"";
        return Stream.of(
                json("malformed JSON", "{\"from\": \"" + from + "\", \"to\"", 400, "malformed-json"),
                json("truncated JSON", "{" + valid + ",\"amount\":1", 400, "malformed-json"),
                json("not an object", "[1, 2, 3]", 400, "malformed-json"),
                json("amount as a string", "{" + valid + ",\"amount\":\"100\"}", 400, "malformed-json"),
                json("fractional amount", "{" + valid + ",\"amount\":1.5}", 400, "malformed-json"),
                json("boolean amount", "{" + valid + ",\"amount\":true}", 400, "malformed-json"),
                json("account id as a number", "{\"from\":42,\"to\":\"" + to + "\",\"amount\":1}", 400,
                        "malformed-json"),
                json("zero amount", "{" + valid + ",\"amount\":0}", 400, "invalid-request"),
                json("negative amount", "{" + valid + ",\"amount\":-5}", 400, "invalid-request"),
                json("amount above 2^63-1", "{" + valid + ",\"amount\":9223372036854775808}", 400,
                        "malformed-json"),
                json("missing amount", "{" + valid + "}", 400, "invalid-request"),
                json("missing from", "{\"to\":\"" + to + "\",\"amount\":1}", 400, "invalid-request"),
                json("null to", "{\"from\":\"" + from + "\",\"to\":null,\"amount\":1}", 400, "invalid-request"),
                json("unknown field", "{" + valid + ",\"amount\":1,\"memo\":\"x\"}", 400, "malformed-json"),
                json("duplicated field", "{" + valid + ",\"amount\":1,\"amount\":2}", 400, "malformed-json"),
                json("trailing data", "{" + valid + ",\"amount\":1} {}", 400, "malformed-json"),
                json("empty body", "", 400, "invalid-request"),
                json("id with quotes", "{\"from\":\"a'b\\\"c\",\"to\":\"" + to + "\",\"amount\":1}", 400,
                        "invalid-request"),
                json("id with SQL", "{\"from\":\"x'; DROP TABLE account; --\",\"to\":\"" + to + "\",\"amount\":1}",
                        400, "invalid-request"),
                json("over-long id", "{\"from\":\"" + "a".repeat(65) + "\",\"to\":\"" + to + "\",\"amount\":1}",
                        400, "invalid-request"),
                json("unknown account", "{\"from\":\"" + from + "\",\"to\":\"nobody\",\"amount\":1}", 404,
                        "account-not-found"),
                json("same account", "{\"from\":\"" + from + "\",\"to\":\"" + from + "\",\"amount\":1}", 400,
                        "same-account"),
                json("oversized body", "{" + valid + ",\"amount\":1,\"pad\":\"" + "x".repeat(20_000) + "\"}", 413,
                        "payload-too-large"),
                Arguments.of("over-long idempotency key", "application/json",
                        Map.of("Idempotency-Key", "k".repeat(256)),
                        "{" + valid + ",\"amount\":1}", 400, "idempotency-key-invalid"),
                Arguments.of("empty idempotency key", "application/json", Map.of("Idempotency-Key", ""),
                        "{" + valid + ",\"amount\":1}", 400, "idempotency-key-invalid"),
                Arguments.of("non-ASCII idempotency key", "application/json", Map.of("Idempotency-Key", "clé"),
                        "{" + valid + ",\"amount\":1}", 400, "idempotency-key-invalid"),
                Arguments.of("no idempotency key", "application/json", Map.of(), "{" + valid + ",\"amount\":1}",
                        400, "idempotency-key-missing"),
                Arguments.of("wrong content type", "text/plain", Map.of(), "{" + valid + ",\"amount\":1}", 415,
                        "unsupported-media-type"));
    }

    /** A body to check, with a key of its own: a transfer without a key is refused before its body is judged. */
    private static Arguments json(String name, String body, int status, String type) {
        return Arguments.of(name, "application/json", Map.of("Idempotency-Key", "bad-" + UUID.randomUUID()), body,
                status, type);
    }

    @Order(1)
    @ParameterizedTest(name = "{0} -> {4} {5}")
    @MethodSource("badTransfers")
    void badTransferIsRefusedWithAProblem(String name, String contentType, Map<String, String> headers, String body,
            int status, String type) {
        RequestSpecification request = given().contentType(contentType).headers(headers).body(body);
        request.post("/transfers")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/" + type))
                .body("status", equalTo(status))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")));
    }

    Stream<Arguments> badReads() {
        return Stream.of(
                Arguments.of("/accounts/a'b", 400, "invalid-request"),
                Arguments.of("/accounts/" + "a".repeat(65), 400, "invalid-request"),
                Arguments.of("/accounts/" + from + "/entries?limit=100000", 400, "invalid-request"),
                Arguments.of("/accounts/" + from + "/entries?after=x", 400, "invalid-request"),
                Arguments.of("/transfers/1' OR '1'='1", 400, "invalid-request"),
                Arguments.of("/no/such/path", 404, "not-found"));
    }

    @Order(2)
    @ParameterizedTest(name = "GET {0} -> {1} {2}")
    @MethodSource("badReads")
    void badReadIsRefusedWithAProblem(String path, int status, String type) {
        given().urlEncodingEnabled(true).get(path)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("/problems/" + type));
    }

    Stream<Arguments> badAccounts() {
        return Stream.of(
                Arguments.of("{\"initialBalance\":-1}"),
                Arguments.of("{\"initialBalance\":\"10\"}"),
                Arguments.of("{\"initialBalance\":1.5}"),
                Arguments.of("{\"id\":\"a b\",\"initialBalance\":1}"),
                Arguments.of("{\"id\":\"ok\"}"),
                Arguments.of("{\"id\":\"ok\",\"initialBalance\":1,\"owner\":\"x\"}"));
    }

    @Order(3)
    @ParameterizedTest(name = "POST /accounts {0} -> 400")
    @MethodSource("badAccounts")
    void badAccountIsRefusedWithAProblem(String body) {
        long accountsBefore = given().get("/ledger/audit").then().extract().jsonPath().getLong("accounts");
        given().contentType("application/json").body(body).post("/accounts")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(accountsBefore, given().get("/ledger/audit").then().extract().jsonPath().getLong("accounts"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void nothingChanged() {
        assertEquals(OPENING, balance(from));
        assertEquals(OPENING, balance(to));
        given().get("/accounts/{id}/entries", from).then().body("entries.size()", equalTo(0));
        assertEquals(ledgerBefore, transferCounts());
    }

    private static Map<String, Object> transferCounts() {
        return given().get("/ledger/audit").then().statusCode(200).body("ok", equalTo(true))
                .extract().jsonPath().getMap("transfersBalanced");
    }
}
