package dev.ledger.tools;

import dev.ledger.tools.LocalCluster.Leader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the raft leader under load: another node takes over and writes resume within seconds;
 * restarted, the killed node rejoins as a follower and catches up from its log; and every transfer
 * took effect exactly as the clients were told, exactly once.
 */
class RaftFailoverIT {

    private static final int BASE_PORT = 18081;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** From the kill to the first committed transfer that was sent after it. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** A JVM start under load, which takes 15 to 60 s on a busy two-core machine. */
    private static final Duration START_MAX = Duration.ofSeconds(120);
    /** From answering again to having applied all that the leader had committed by then. */
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(30);
    /** Load on the full cluster again, so that the rejoined node serves and forwards requests too. */
    private static final Duration LOAD_AFTER_CATCH_UP = Duration.ofSeconds(3);

    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new RaftTestCluster(RaftFailoverIT.class.getSimpleName(), BASE_PORT);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killedLeaderIsReplacedAndRejoinsAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        LocalCluster nodes = cluster.nodes();
        try (FaultScenario scenario = new FaultScenario(cluster)) {
            scenario.start();
            Leader killed = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);

            long killedAt = System.nanoTime();
            CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(killedAt);
            nodes.kill(killed.node());
            Leader successor = cluster.awaitLeader("a new leader after " + killed.node().id() + " was killed",
                    WRITE_GAP_MAX, leader -> leader.info().term() > killed.info().term());
            Duration gap = FaultScenario.writeGap(writesResumed, killedAt, WRITE_GAP_MAX);
            System.out.printf("write gap after SIGKILL of leader %s (term %d): %d ms; new leader %s (term %d)%n",
                    killed.node().id(), killed.info().term(), gap.toMillis(),
                    successor.node().id(), successor.info().term());

            nodes.restart(killed.node());
            long restartedAt = System.nanoTime();
            cluster.await(killed.node().id() + " answers after its restart", START_MAX,
                    () -> nodes.clusterInfo(killed.node()));
            long answeredAt = System.nanoTime();
            long leaderCommitIndex = nodes.clusterInfo(successor.node()).orElseThrow().commitIndex();
            ClusterInfo rejoined = cluster.await(killed.node().id() + " follows " + successor.node().id()
                    + " and has applied up to index " + leaderCommitIndex, CATCH_UP_MAX,
                    () -> nodes.clusterInfo(killed.node()).filter(info ->
                            info.follows(successor.node().id()) && info.appliedIndex() >= leaderCommitIndex));
            System.out.printf("%s answered %d ms after its restart, and %d ms later followed %s with applied index %d"
                            + " (the leader's commit index when it answered: %d)%n", killed.node().id(),
                    Duration.ofNanos(answeredAt - restartedAt).toMillis(),
                    Duration.ofNanos(System.nanoTime() - answeredAt).toMillis(), successor.node().id(),
                    rejoined.appliedIndex(), leaderCommitIndex);

            Thread.sleep(LOAD_AFTER_CATCH_UP.toMillis());
            scenario.finishAndVerify();
        }
    }
}
