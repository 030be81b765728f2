package dev.ledger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The comparison's HTTP baseline is not on a node unless asked for (ledger.http.noop-enabled, which only the clusters
 * of ./ledger compare set; CompareIT measures it there).
 */
@QuarkusTest
class NoopOffTest {

    @Test
    void theBenchmarkEndpointIsOffByDefault() {
        given().contentType("application/json").body("{\"from\":\"a\",\"to\":\"b\",\"amount\":1}")
                .post("/internal/noop").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }
}
