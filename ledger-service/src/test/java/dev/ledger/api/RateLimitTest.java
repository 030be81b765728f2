package dev.ledger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client above its rate gets 429 problem+json with Retry-After; probes are never limited. */
@QuarkusTest
@TestProfile(RateLimitTest.FiveASecond.class)
class RateLimitTest {

    private static final int RATE = 5;

    public static class FiveASecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.http.rate-limit-per-client-per-second", String.valueOf(RATE));
        }
    }

    @Test
    void aClientAboveItsRateIsToldToSlowDown() throws InterruptedException {
        int limited = 0;
        Response refusal = null;
        for (int i = 0; i < 4 * RATE; i++) {
            Response response = given().get("/cluster");
            if (response.statusCode() == 429) {
                limited++;
                refusal = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(limited >= 2 * RATE, limited + " of " + 4 * RATE + " requests limited");
        refusal.then().contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("/problems/rate-limited")).body("status", equalTo(429));
        for (int i = 0; i < 4 * RATE; i++) {
            given().get("/q/health/live").then().statusCode(200);
        }
        Thread.sleep(1_100);
        given().get("/cluster").then().statusCode(200);
    }
}
