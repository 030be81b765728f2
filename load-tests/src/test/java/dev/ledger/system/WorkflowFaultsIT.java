package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import dev.ledger.contract.ShardRule;
import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow mode under faults ({@code ./ledger up --mode workflow}: two PostgreSQL databases, three nodes sharing
 * the engine's state in the first). Under load, with the clients and checks of every fault suite (the history
 * checker's eventual completion: a 202 is decided exactly once) and credits to an account that does not exist among
 * the transfers (compensated): a node killed and restarted, the second shard's PostgreSQL restarted, and frozen for
 * longer than the commit timeout, and a node killed in the middle of its transfers' workflows and never restarted:
 * the other nodes finish them within the engine's bound, each exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowFaultsIT {

    private static final int BASE_PORT = 21681;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(30);
    /** The job lock (10 s), the look for expired ones (2 s) and for jobs (1 s), with room for a busy machine. */
    private static final Duration TAKEOVER_MAX = Duration.ofSeconds(30);
    /** Long enough for the killed node to debit each transfer and take its credit, which the frozen shard holds. */
    private static final Duration CREDITS_TAKEN = Duration.ofSeconds(2);
    private static final int TRANSFERS = 20;
    private static final long OPENING = 100;
    private static final long AMOUNT = 10;

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.withDatabaseRelays(WorkflowFaultsIT.class, Mode.WORKFLOW,
            BASE_PORT).bounded(LEADER_TIMEOUT, WRITE_GAP_MAX);

    private final LedgerClient client = new LedgerClient();

    /** Its workflows resume wherever their jobs are taken up: on the other nodes, or on it once it is back. */
    @Test
    @Order(1)
    void aNodeKilledAndRestartedUnderLoadLosesAndDoublesNothing() throws Exception {
        TestCluster cluster = suite.cluster();
        DatabaseFaults.killNodeAndRestart(cluster, cluster.nodes().nodeSpecs().get(1), "wf-node-kill");
    }

    /** Steps on it fail while it is down (their sessions cut) and are retried; transfers within shard 0 go on. */
    @Test
    @Order(2)
    void theSecondShardRestartedUnderLoadLosesAndDoublesNothing() throws Exception {
        DatabaseFaults.restart(suite.cluster(), "wf-shard1-restart", DatabaseFaults.Target.SHARD_1);
    }

    /** Requests and steps on it hang past the commit timeout: nothing answered "not done" may take effect. */
    @Test
    @Order(3)
    void theSecondShardFrozenUnderLoadLosesAndDoublesNothing() throws Exception {
        DatabaseFaults.freeze(suite.cluster(), "wf-shard1-freeze", DatabaseFaults.Target.SHARD_1);
    }

    /**
     * Under load, shard 1 frozen, so the workflows a node starts stop at their credits; that node killed and shard 1
     * thawed: the other two take up its workflows (the load's and twenty of our own) once their jobs' locks expire,
     * and every transfer is decided once.
     */
    @Test
    @Order(4)
    void aNodeKilledMidWorkflowAndNeverRestartedHasItsTransfersFinishedByTheOthers() throws Exception {
        List<NodeSpec> nodes = suite.cluster().nodes().nodeSpecs();
        // The last: the scenario's checks read through the first.
        NodeSpec doomed = nodes.get(nodes.size() - 1);
        String survivor = nodes.get(0).httpUrl();
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            String from = idOnShard(0);
            String to = idOnShard(1);
            client.createAccount(survivor, from, OPENING);
            client.createAccount(survivor, to, 0);
            pairs.add(new String[] {from, to});
        }
        try (FaultScenario scenario = new FaultScenario(suite.cluster(), "wf-node-lost")) {
            scenario.start();
            scenario.faultNow();
            List<String> ids = new ArrayList<>();
            suite.cluster().nodes().pauseShard1Database();
            try {
                for (String[] pair : pairs) {
                    TransferAnswer answer = client.transfer(doomed.httpUrl(),
                            new TransferRequest("wf-kill-" + UUID.randomUUID(), pair[0], pair[1], AMOUNT));
                    assertEquals(LedgerClient.ACCEPTED, answer.status(), "a transfer across shards is accepted");
                    ids.add(answer.transferId());
                }
                Thread.sleep(CREDITS_TAKEN.toMillis());
                suite.cluster().nodes().kill(doomed);
            } finally {
                suite.cluster().nodes().resumeShard1Database();
            }
            long thawedAt = System.nanoTime();
            for (String id : ids) {
                suite.cluster().await(id + " committed by a node that lives", TAKEOVER_MAX, () -> {
                    JsonNode shown = client.transferShown(survivor, id);
                    return "COMMITTED".equals(shown.path("status").asText()) ? Optional.of(shown) : Optional.empty();
                });
            }
            Duration took = Duration.ofNanos(System.nanoTime() - thawedAt);
            System.out.printf("%d workflows of a killed node finished by the others %d ms after the shard thawed%n",
                    ids.size(), took.toMillis());
            for (String[] pair : pairs) {
                assertEquals(OPENING - AMOUNT, client.balance(survivor, pair[0]));
                assertEquals(AMOUNT, client.balance(survivor, pair[1]));
            }
            scenario.finishAndVerify("a node killed mid-workflow (shard 1 frozen meanwhile), never restarted");
        }
        JsonNode audit = client.audit(survivor);
        assertTrue(audit.path("ok").asBoolean() && audit.path("inTransit").path("quiet").asBoolean(),
                audit.toPrettyString());
    }

    private static String idOnShard(int shard) {
        String id;
        do {
            id = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        } while (ShardRule.shardOf(id) != shard);
        return id;
    }
}
