package dev.ledger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without ledger.admin.token, the default, /admin does not exist for anyone, with or without a token. */
@QuarkusTest
class AdminOffTest {

    @Test
    void adminIsOffByDefault() {
        given().get("/admin").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
        given().header("Authorization", "Bearer anything-at-all-0123456789").post("/admin/faults/kill-leader")
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().get("/cluster").then().statusCode(200);
    }
}
