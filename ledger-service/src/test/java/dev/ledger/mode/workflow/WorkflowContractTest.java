package dev.ledger.mode.workflow;

import dev.ledger.mode.TransferStrategyContract;
import dev.ledger.support.SecondShardResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/** The contract, with the accounts over two real PostgreSQL databases: about half the transfers cross them. */
@QuarkusTest
@TestProfile(WorkflowContractTest.WorkflowMode.class)
class WorkflowContractTest extends TransferStrategyContract {

    public static class WorkflowMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.mode", "workflow");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecondShardResource.class));
        }
    }

    @Override
    protected String mode() {
        return "workflow";
    }
}
