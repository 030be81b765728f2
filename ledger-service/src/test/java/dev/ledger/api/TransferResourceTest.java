package dev.ledger.api;

import static dev.ledger.support.Api.balance;
import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransferResourceTest {

    @Test
    void commitsATransferWithTwoEntries() {
        String a = createAccount("t-a", 1_000);
        String b = createAccount("t-b", 0);
        String id = transfer(a, b, 300)
                .then().statusCode(201)
                .body("status", equalTo("COMMITTED")).body("from", equalTo(a)).body("to", equalTo(b))
                .body("amount", equalTo(300)).body("mode", equalTo("pessimistic")).body("createdAt", notNullValue())
                .extract().path("id");
        given().get("/transfers/{id}", id).then().statusCode(200).body("status", equalTo("COMMITTED"));
        assertEquals(700, balance(a));
        assertEquals(300, balance(b));
        given().get("/accounts/{id}/entries", b).then().body("entries[0].transferId", equalTo(id))
                .body("entries[0].amount", equalTo(300));
    }

    @Test
    void rejectsAndRecordsATransferAboveTheBalance() {
        String a = createAccount("r-a", 100);
        String b = createAccount("r-b", 0);
        Response rejected = transfer(a, b, 101);
        rejected.then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/insufficient-funds"))
                .body("transfer.status", equalTo("REJECTED")).body("transfer.reason", equalTo("INSUFFICIENT_FUNDS"));
        String id = rejected.path("transfer.id");
        given().get("/transfers/{id}", id).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("reason", equalTo("INSUFFICIENT_FUNDS"));
        assertEquals(100, balance(a));
        given().get("/accounts/{id}/entries", a).then().body("entries.size()", equalTo(0));
    }

    @Test
    void unknownAccountIs404AndRecordsNothing() {
        String a = createAccount("u-a", 100);
        transfer(a, "nobody-here", 1, "unknown-" + UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo("/problems/account-not-found"))
                .body("accountId", equalTo("nobody-here"));
        transfer("nobody-here", a, 1).then().statusCode(404).body("accountId", equalTo("nobody-here"));
        assertEquals(100, balance(a));
    }

    @Test
    void sameAccountIs400() {
        String a = createAccount("s-a", 100);
        transfer(a, a, 1).then().statusCode(400).body("type", equalTo("/problems/same-account"));
    }

    @Test
    void unknownTransferIs404AndAMalformedIdIs400() {
        given().get("/transfers/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("/problems/transfer-not-found"));
        given().get("/transfers/{id}", "not-a-uuid").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-request"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheSameAnswer() {
        String a = createAccount("k-a", 1_000);
        String b = createAccount("k-b", 0);
        String key = "replay-" + UUID.randomUUID();
        Response first = transfer(a, b, 250, key);
        first.then().statusCode(201).header(TransferResponses.REPLAYED, nullValue());
        Response retry = transfer(a, b, 250, key);
        retry.then().statusCode(201).header(TransferResponses.REPLAYED, equalTo("true"))
                .header("Location", endsWith("/transfers/" + first.path("id")));
        assertEquals(first.asString(), retry.asString());
        assertEquals(750, balance(a));
    }

    @Test
    void aRejectionIsReplayedToo() {
        String a = createAccount("kr-a", 10);
        String b = createAccount("kr-b", 0);
        String key = "rejected-" + UUID.randomUUID();
        Response first = transfer(a, b, 11, key);
        first.then().statusCode(422);
        // Even after the account could afford it, the key's answer stays the recorded rejection.
        transfer(createAccount("kr-c", 100), a, 100).then().statusCode(201);
        Response retry = transfer(a, b, 11, key);
        retry.then().statusCode(422).header(TransferResponses.REPLAYED, equalTo("true"));
        assertEquals(first.asString(), retry.asString());
        assertEquals(110, balance(a));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        String a = createAccount("kd-a", 1_000);
        String b = createAccount("kd-b", 0);
        String key = "different-" + UUID.randomUUID();
        transfer(a, b, 100, key).then().statusCode(201);
        transfer(a, b, 101, key).then().statusCode(422)
                .body("type", equalTo("/problems/idempotency-key-reused"));
        transfer(b, a, 100, key).then().statusCode(422);
        assertEquals(900, balance(a));
        assertEquals(100, balance(b));
    }

    @Test
    void clusterShowsAStatelessNode() {
        given().get("/cluster").then().statusCode(200)
                .body("mode", equalTo("pessimistic")).body("role", equalTo("STATELESS"))
                .body("node", notNullValue()).body("leader", nullValue());
    }

    @Test
    void auditReportsEveryInvariant() {
        given().get("/ledger/audit").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("moneyConserved.ok", equalTo(true)).body("noNegative.ok", equalTo(true))
                .body("entriesMatch.ok", equalTo(true)).body("transfersBalanced.ok", equalTo(true))
                .body("keysOnce.ok", equalTo(true));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections"));
        transfer(createAccount("m-a", 5), createAccount("m-b", 0), 1).then().statusCode(201);
        String metrics = given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ledger_transfers_total{mode=\"pessimistic\",outcome=\"committed\"}"))
                .body(containsString("ledger_transfer_duration_seconds_bucket")).extract().asString();
        // Every series says what it counts, for a user reading /q/metrics or a Grafana tooltip.
        assertEquals(List.of(), metrics.lines().filter(line -> line.startsWith("# HELP ledger_"))
                .filter(line -> line.split(" ", 4).length < 4 || line.split(" ", 4)[3].isBlank()).toList());
        given().get("/q/openapi").then().statusCode(200).body(containsString("/transfers"))
                .body(containsString("Idempotency-Key")).body(containsString("/problems/outcome-unknown"));
    }
}
