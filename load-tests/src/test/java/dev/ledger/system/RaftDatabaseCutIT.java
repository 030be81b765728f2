package dev.ledger.system;

import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raft leader loses PostgreSQL while its followers keep it: each node reaches the database through a relay of
 * its own, and the leader's is cut half-open (nothing answers, no connection ends). Its apply stalls, so it stops
 * taking proposals, reports not ready and hands leadership to a peer that can apply; writes go on without it.
 * Once the relay is restored it catches up, and every transfer took effect exactly once.
 */
class RaftDatabaseCutIT {

    private static final int BASE_PORT = 18111;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The service hands over after 3 s of stalled apply; then an election. */
    private static final Duration HANDOVER_MAX = Duration.ofSeconds(30);
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(30);
    private static final Duration NOT_READY_MAX = Duration.ofSeconds(20);
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(60);
    private static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(3);
    private static final int HTTP_OK = 200;

    private static DatabaseProxies proxies;
    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        proxies = new DatabaseProxies();
        cluster = new RaftTestCluster(RaftDatabaseCutIT.class.getSimpleName(), Mode.RAFT, BASE_PORT, false,
                proxies);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (proxies != null) {
            proxies.close();
        }
    }

    @Test
    void aLeaderCutOffFromPostgresqlHandsOverAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        try (FaultScenario scenario = new FaultScenario(cluster, "leader-cut-off")) {
            scenario.start();
            Leader cut = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
            long cutAt = scenario.faultNow();
            CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(cutAt);
            proxies.cut(cut.node());
            Duration cutFor;
            try {
                Leader successor = cluster.awaitLeader("a leader other than " + cut.node().id()
                        + ", which cannot reach PostgreSQL", HANDOVER_MAX, leader -> !leader.node().equals(cut.node()));
                Duration gap = FaultScenario.writeGap(writesResumed, cutAt, WRITE_GAP_MAX);
                awaitReadiness(cut.node(), false, NOT_READY_MAX);
                System.out.printf("%s cut off from PostgreSQL; %s leads in term %d; write gap %d ms%n",
                        cut.node().id(), successor.node().id(), successor.info().term(), gap.toMillis());
            } finally {
                cutFor = Duration.ofNanos(System.nanoTime() - cutAt);
                proxies.restore(cut.node());
            }
            awaitReadiness(cut.node(), true, CATCH_UP_MAX);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify("the leader cut off from PostgreSQL (half-open) for " + cutFor.toSeconds()
                    + " s, then reconnected");
        }
    }

    /**
     * Ready: 200 from the readiness probe. Not ready: anything else, also no answer in time, as Kubernetes reads a
     * probe (its datasource check may wait on the cut connection).
     */
    private static void awaitReadiness(NodeSpec node, boolean ready, Duration timeout) throws Exception {
        cluster.await(node.id() + (ready ? " is ready" : " is not ready"), timeout, () -> {
            boolean now = cluster.nodes().readiness(node).orElse(-1) == HTTP_OK;
            return now == ready ? Optional.of(now) : Optional.empty();
        });
    }
}
