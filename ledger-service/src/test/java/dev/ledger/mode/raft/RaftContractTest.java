package dev.ledger.mode.raft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.ledger.contract.LeaderRouting;
import dev.ledger.mode.TransferStrategyContract;
import dev.ledger.support.TestKeystore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same contract as every other strategy, through a real SOFAJRaft node: a group of one, which elects itself,
 * so every transfer goes through propose, commit and the fenced batch apply. Several nodes, forwarding and
 * failover are tested with separate processes (load-tests: RaftFaultsIT).
 */
@QuarkusTest
@TestProfile(RaftContractTest.SingleNodeRaft.class)
class RaftContractTest extends TransferStrategyContract {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    public static class SingleNodeRaft implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket free = new ServerSocket(0)) {
                return Map.of(
                        "ledger.mode", "raft",
                        "ledger.node-id", "n1",
                        "ledger.raft.peers", "n1@127.0.0.1:" + free.getLocalPort() + "@http://127.0.0.1:8081",
                        "ledger.raft.data-dir", Files.createTempDirectory("ledger-raft-test").toString(),
                        "ledger.cluster-secret", TestKeystore.CLUSTER_SECRET,
                        "ledger.raft.tls-keystore", TestKeystore.create(TestKeystore.CLUSTER_SECRET).toString(),
                        "ledger.admin.token", ADMIN_TOKEN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected String mode() {
        return "raft";
    }

    @Test
    void theSingleNodeLeadsAndReportsItsLog() {
        given().get("/cluster").then().statusCode(200)
                .body("role", equalTo("LEADER")).body("leader", equalTo("n1"))
                .body("leaderUrl", equalTo("http://127.0.0.1:8081"))
                .body("term", greaterThan(0)).body("peers", equalTo(java.util.List.of("n1")));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("ledger_raft_apply_batch_size_count"))
                .body(org.hamcrest.Matchers.containsString("ledger_raft_entry_transfers_count"));
    }

    /** Every answer names the leader; the leader takes a leader-aware client's transfer itself (no redirect). */
    @Test
    void everyAnswerNamesTheLeaderAndTheLeaderTakesARedirectableTransfer() {
        given().get("/cluster").then().header(LeaderRouting.LEADER_HEADER, "http://127.0.0.1:8081");
        given().contentType("application/json").header("Idempotency-Key", "redirectable-" + java.util.UUID.randomUUID())
                .body("{\"from\":\"nobody-a\",\"to\":\"nobody-b\",\"amount\":1}")
                .post("/transfers?" + LeaderRouting.REDIRECT_PARAM).then().statusCode(404)
                .header(LeaderRouting.LEADER_HEADER, "http://127.0.0.1:8081");
    }
}
