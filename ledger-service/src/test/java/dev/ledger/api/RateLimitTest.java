package dev.ledger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    /** The router resolves dot segments, so /q/../accounts/x would be /accounts/x past the probes' exemption. */
    @Test
    void pathsWithDotSegmentsAreRefusedSoTheLimitCannotBeWalkedAround() throws InterruptedException {
        Thread.sleep(1_100);
        for (String path : new String[] {"/q/../accounts/x", "/internal/raft/../../accounts/x", "/q/%2e%2e/cluster",
                "/accounts/./x"}) {
            String response = rawGet(path);
            assertTrue(response.startsWith("HTTP/1.1 400"), path + " answered " + response);
            assertTrue(response.contains("/problems/invalid-request"), response);
        }
    }

    /** Sent as written: HTTP clients resolve dot segments before sending, as the router does on arrival. */
    private static String rawGet(String path) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forwarding between raft nodes is exempt only with a valid signature, not by its path. */
    @Test
    void anUnsignedRequestToTheInternalPathIsLimited() throws InterruptedException {
        Thread.sleep(1_100);
        int limited = 0;
        for (int i = 0; i < 4 * RATE; i++) {
            if (given().contentType("application/json").body("{}").post("/internal/raft/transfers")
                    .statusCode() == 429) {
                limited++;
            }
        }
        assertTrue(limited >= 2 * RATE, limited + " of " + 4 * RATE + " requests limited");
    }
}
