package dev.ledger.api;

import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.newAccountId;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountResourceTest {

    @Test
    void createsAnAccountAndReadsItBack() {
        String id = newAccountId("acc");
        given().contentType(ContentType.JSON).body(Map.of("id", id, "initialBalance", 1_000))
                .post("/accounts")
                .then().statusCode(201)
                .header("Location", endsWith("/accounts/" + id))
                .body("id", equalTo(id)).body("balance", equalTo(1_000)).body("version", equalTo(0));
        given().get("/accounts/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id)).body("balance", equalTo(1_000)).body("openingBalance", equalTo(1_000));
    }

    @Test
    void choosesAnIdWhenNoneIsGiven() {
        String id = given().contentType(ContentType.JSON).body(Map.of("initialBalance", 5))
                .post("/accounts")
                .then().statusCode(201).body("id", matchesPattern("[A-Za-z0-9_-]{1,64}"))
                .extract().path("id");
        given().get("/accounts/{id}", id).then().statusCode(200).body("balance", equalTo(5));
    }

    @Test
    void refusesADuplicateIdAndKeepsTheFirstAccount() {
        String id = createAccount("dup", 10);
        given().contentType(ContentType.JSON).body(Map.of("id", id, "initialBalance", 999))
                .post("/accounts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/account-exists")).body("accountId", equalTo(id));
        given().get("/accounts/{id}", id).then().body("balance", equalTo(10));
    }

    @Test
    void anUnknownAccountIs404() {
        given().get("/accounts/{id}", "no-such-account")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/account-not-found")).body("status", equalTo(404));
        given().get("/accounts/{id}/entries", "no-such-account")
                .then().statusCode(404).body("type", equalTo("/problems/account-not-found"));
    }

    @Test
    void pagesThroughEntriesOldestFirst() {
        String a = createAccount("pg-a", 100);
        String b = createAccount("pg-b", 0);
        for (int amount = 1; amount <= 5; amount++) {
            transfer(a, b, amount).then().statusCode(201);
        }
        List<Integer> amounts = new ArrayList<>();
        Integer after = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.get("/accounts/{id}/entries", a).then().statusCode(200)
                    .body("accountId", equalTo(a)).extract().jsonPath();
            amounts.addAll(page.getList("entries.amount", Integer.class));
            after = page.get("nextAfter");
            pages++;
        } while (after != null && pages < 10);
        assertEquals(List.of(-1, -2, -3, -4, -5), amounts);
        assertEquals(3, pages);
        given().get("/accounts/{id}/entries", b).then().statusCode(200)
                .body("entries", hasSize(5)).body("entries[0].amount", equalTo(1)).body("nextAfter", nullValue());
    }

    @Test
    void pageSizeIsBounded() {
        String a = createAccount("pg-bound", 1);
        for (String limit : List.of("0", "501", "-1", "ten")) {
            given().queryParam("limit", limit).get("/accounts/{id}/entries", a)
                    .then().statusCode(400).body("type", equalTo("/problems/invalid-request"));
        }
        given().queryParam("limit", 500).get("/accounts/{id}/entries", a).then().statusCode(200);
    }
}
