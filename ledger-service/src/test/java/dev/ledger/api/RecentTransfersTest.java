package dev.ledger.api;

import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RecentTransfersTest {

    @Test
    void newestFirstCommittedAndRejectedAlike() {
        String a = createAccount("rec-a", 100);
        String b = createAccount("rec-b", 0);
        String first = transfer(a, b, 30).then().statusCode(201).extract().path("id");
        String rejected = transfer(a, b, 500).then().statusCode(422).extract().path("transfer.id");
        String last = transfer(b, a, 10).then().statusCode(201).extract().path("id");

        given().get("/transfers?limit=3").then().statusCode(200)
                .body("transfers.id", equalTo(List.of(last, rejected, first)))
                .body("transfers[1].status", equalTo("REJECTED"))
                .body("transfers[1].reason", equalTo("INSUFFICIENT_FUNDS"))
                .body("transfers[2].from", equalTo(a)).body("transfers[2].amount", equalTo(30));
    }

    @Test
    void twentyByDefaultAtMostAHundred() {
        given().get("/transfers").then().statusCode(200).body("transfers.size()", lessThanOrEqualTo(20));
        given().get("/transfers?limit=100").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "ten", "1.5", "99999999999999999999"})
    void aBadLimitIs400ProblemJson(String limit) {
        given().queryParam("limit", limit).get("/transfers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-request"))
                .body("detail", equalTo("limit must be an integer between 1 and 100"));
    }
}
