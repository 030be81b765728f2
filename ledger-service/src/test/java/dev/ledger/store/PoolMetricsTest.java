package dev.ledger.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Both connection pools publish their metrics, which the dashboard and the alerts read (k8s/monitoring). */
@QuarkusTest
class PoolMetricsTest {

    @Test
    void bothPoolsArePublishedByName() {
        for (String pool : new String[] {"default", "apply"}) {
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("agroal_active_count{datasource=\"" + pool + "\"}"))
                    .body(containsString("agroal_awaiting_count{datasource=\"" + pool + "\"}"));
        }
    }
}
