package dev.ledger.mode.zookeeper;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.ledger.mode.TransferStrategyContract;
import dev.ledger.support.TestKeystore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same contract as every other strategy, through a real election on ZooKeeper (curator-test, in process): a
 * single node, which elects itself, claims its token in PostgreSQL, and writes every transfer through its queue and
 * the fenced batch. Several nodes, forwarding and failover are for separate processes (load-tests).
 */
@QuarkusTest
@TestProfile(ZooKeeperContractTest.SingleNodeZooKeeper.class)
class ZooKeeperContractTest extends TransferStrategyContract {

    public static class SingleNodeZooKeeper implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ledger.mode", "zookeeper",
                    "ledger.node-id", "n1",
                    "ledger.zookeeper.http-url", "http://127.0.0.1:8081",
                    "ledger.cluster-secret", TestKeystore.CLUSTER_SECRET);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ZooKeeperServerResource.class));
        }
    }

    @Override
    protected String mode() {
        return "zookeeper";
    }

    @Test
    void theSingleNodeLeadsWithItsTokenAsTerm() throws Exception {
        ZooKeeperLeader.await();
        awaitPeers(List.of("n1"));
        given().get("/cluster").then().statusCode(200)
                .body("role", equalTo("LEADER")).body("leader", equalTo("n1"))
                .body("term", greaterThan(0)).body("peers", equalTo(List.of("n1")))
                .body("session", equalTo("CONNECTED"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ledger_zookeeper_leader 1"))
                .body(containsString("ledger_zookeeper_token "));
    }

    /** The peers are the election's nodes as this node's watch has seen them: a moment behind the election. */
    private static void awaitPeers(List<String> peers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!peers.equals(given().get("/cluster").then().extract().jsonPath().getList("peers"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
