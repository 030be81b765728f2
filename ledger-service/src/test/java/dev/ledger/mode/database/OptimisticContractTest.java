package dev.ledger.mode.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import dev.ledger.mode.TransferStrategyContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OptimisticContractTest.OptimisticMode.class)
class OptimisticContractTest extends TransferStrategyContract {

    public static class OptimisticMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.mode", "optimistic");
        }
    }

    @Override
    protected String mode() {
        return "optimistic";
    }

    @Test
    void versionConflictsAreRetriedAndCounted() {
        // runs after or before the hot-account test; either way the counter exists and is reported
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*ledger_optimistic_retries_total \\d+\\.\\d+.*"));
    }
}
