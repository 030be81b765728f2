package dev.ledger.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** Small REST-assured helpers shared by the API tests. */
public final class Api {

    private Api() {
    }

    /** A fresh account id, so tests sharing one database never touch each other's accounts. */
    public static String newAccountId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createAccount(String prefix, long initialBalance) {
        String id = newAccountId(prefix);
        given().contentType(ContentType.JSON).body(Map.of("id", id, "initialBalance", initialBalance))
                .post("/accounts").then().statusCode(201);
        return id;
    }

    public static long balance(String accountId) {
        return given().get("/accounts/{id}", accountId).then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    /** A transfer with a fresh Idempotency-Key, as every transfer needs one. */
    public static Response transfer(String from, String to, long amount) {
        return transfer(from, to, amount, "key-" + UUID.randomUUID());
    }

    /** A transfer with this Idempotency-Key, or none when null. */
    public static Response transfer(String from, String to, long amount, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON)
                .body(Map.of("from", from, "to", to, "amount", amount));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/transfers");
    }
}
