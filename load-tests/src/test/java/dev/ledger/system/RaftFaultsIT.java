package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The raft group under faults, the way Jepsen's bank test checks a database: clients send keyed transfers to all
 * three nodes and settle every unknown outcome by retrying with the same key, while one fault strikes. Each node
 * reaches PostgreSQL through a relay of its own ({@link DatabaseProxies}), which a test can cut. Afterwards
 * every acknowledged transfer is in the ledger exactly once, no reader saw a negative balance, the audit is clean,
 * and the unavailability window goes into target/fault-results.md. One cluster serves all faults, each with
 * accounts and keys of its own; {@code -Dfaults.rounds=N} repeats each fault N times (the full suite).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftFaultsIT {

    private static final int BASE_PORT = 18081;
    private static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** From a leader's loss to the first committed transfer that was sent after it. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** A JVM start under load, which takes 15 to 60 s on a busy two-core machine. */
    private static final Duration START_MAX = Duration.ofSeconds(120);
    /** From answering again to having applied all that the leader had committed by then. */
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(30);
    /** At least four times the service's default election timeout (1 s). */
    private static final Duration PAUSE = Duration.ofSeconds(4);
    private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(15);
    /** Load on the whole cluster again after each recovery, so that the recovered node serves and forwards too. */
    private static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(3);

    private static DatabaseProxies proxies;
    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        proxies = new DatabaseProxies();
        cluster = new RaftTestCluster(RaftFaultsIT.class.getSimpleName(), Mode.RAFT, BASE_PORT, false, proxies);
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

    /** A leader-aware client: a follower sends it to the leader instead of forwarding its transfer. */
    @Test
    @Order(0)
    void aFollowerRedirectsALeaderAwareClientToTheLeader() throws Exception {
        cluster.assertFollowerRedirectsToTheLeader(new LedgerClient(), LEADER_TIMEOUT);
    }

    /** SIGKILL of a follower: the majority goes on; restarted, the follower catches up from its log. */
    @Test
    @Order(1)
    void killedFollowerRejoinsAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "follower-kill-" + round)) {
                scenario.start();
                Leader leader = cluster.awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec follower = cluster.nodes().nodeSpecs().stream()
                        .filter(node -> !node.equals(leader.node())).findFirst().orElseThrow();
                scenario.faultNow();
                cluster.nodes().kill(follower);
                restartAndCatchUp(follower, leader);
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGKILL of a follower, then restart");
            }
        }
    }

    /** SIGKILL of the leader: another takes over within seconds; restarted, the old one follows and catches up. */
    @Test
    @Order(2)
    void killedLeaderIsReplacedAndRejoinsAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "leader-kill-" + round)) {
                scenario.start();
                Leader killed = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                long killedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(killedAt);
                cluster.nodes().kill(killed.node());
                Leader successor = cluster.awaitLeader("a new leader after " + killed.node().id() + " was killed",
                        WRITE_GAP_MAX, leader -> leader.info().term() > killed.info().term());
                Duration gap = FaultScenario.writeGap(writesResumed, killedAt, WRITE_GAP_MAX);
                System.out.printf("write gap after SIGKILL of leader %s (term %d): %d ms; new leader %s (term %d)%n",
                        killed.node().id(), killed.info().term(), gap.toMillis(),
                        successor.node().id(), successor.info().term());
                restartAndCatchUp(killed.node(), successor);
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGKILL of the leader, then restart");
            }
        }
    }

    /**
     * SIGSTOP of the leader for longer than the election timeout, as in a long GC pause or a stalled VM: the others
     * elect a new leader and take writes without it; resumed, the old leader finds itself deposed and follows.
     * Whatever it had in flight when it froze takes effect at most once, in log order.
     */
    @Test
    @Order(3)
    void pausedLeaderIsDeposedAndStepsDownAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        LocalCluster nodes = cluster.nodes();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "leader-pause-" + round)) {
                scenario.start();
                Leader deposed = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                nodes.pause(deposed.node());
                // Measured from when kill(1) has returned: until the signal lands the leader still commits.
                long pausedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(pausedAt);
                Leader successor;
                Duration gap;
                try {
                    // The paused node is not asked, so this is another node, leading in a later term ...
                    successor = cluster.awaitLeader("a new leader while " + deposed.node().id() + " is paused",
                            WRITE_GAP_MAX, leader -> leader.info().term() > deposed.info().term());
                    // ... and the majority must take writes without the frozen node, not once it is back.
                    gap = FaultScenario.writeGap(writesResumed, pausedAt, WRITE_GAP_MAX);
                    long pausedForMs = Duration.ofNanos(System.nanoTime() - pausedAt).toMillis();
                    Thread.sleep(Math.max(0, PAUSE.toMillis() - pausedForMs));
                } finally {
                    nodes.resume(deposed.node());
                }
                // Clients whose request waits on the frozen node wait out their own timeout first.
                System.out.printf("%s (leader in term %d) paused; %s leads in term %d; write gap %d ms%n",
                        deposed.node().id(), deposed.info().term(), successor.node().id(), successor.info().term(),
                        gap.toMillis());
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                ClusterInfo stepped = cluster.await(deposed.node().id() + " steps down and follows "
                                + successor.node().id(), STEP_DOWN_TIMEOUT,
                        () -> nodes.clusterInfo(deposed.node()).filter(info -> info.follows(successor.node().id())));
                System.out.printf("%s now follows %s in term %d%n", deposed.node().id(), stepped.leader(),
                        stepped.term());
                scenario.finishAndVerify("SIGSTOP of the leader for " + PAUSE.toSeconds() + " s, then SIGCONT");
            }
        }
    }

    /**
     * PostgreSQL stops (sessions cut) and comes back: committed raft entries wait in the log, every node's apply
     * retries, and once the database is back the entries are applied in order, each exactly once.
     */
    @Test
    @Order(4)
    void databaseRestartLosesNothingAndAppliesEveryEntryOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            DatabaseFaults.restart(cluster, "database-restart-" + round);
        }
    }

    /**
     * PostgreSQL freezes (SIGSTOP) for longer than the commit timeout: answers say either that nothing was done
     * (unavailable: the key is given up) or that the outcome is open (outcome-unknown: retried with the key), and
     * clients without a key are refused up front. Afterwards nothing answered "not done" took effect, and nothing
     * acknowledged was lost.
     */
    @Test
    @Order(5)
    void aDatabaseFrozenLongerThanTheCommitTimeoutAnswersEveryRequestHonestly() throws Exception {
        DatabaseFaults.freeze(cluster, "database-freeze");
    }

    /**
     * The leader loses PostgreSQL while its followers keep it (its relay cut half-open): its apply stalls, so it stops
     * taking proposals, reports not ready and hands leadership to a peer that can apply; writes go on without it.
     * Once the relay is restored it catches up, and every transfer took effect exactly once.
     */
    @Test
    @Order(6)
    void aLeaderCutOffFromPostgresqlHandsOverAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        DatabaseFaults.cutLeader(cluster, proxies, "leader-cut-off");
    }

    /** After all the faults, restarts and errors above: no node ever wrote the secret it was given into its log. */
    @Test
    @Order(7)
    void noNodeLogShowsTheClusterSecret() throws Exception {
        assertEquals(List.of(), cluster.logsContaining(cluster.nodes().credentials().clusterSecret()));
    }

    /** Restarts a node and waits until it answers, follows {@code leader} and has applied what it had committed. */
    private static void restartAndCatchUp(NodeSpec node, Leader leader) throws Exception {
        LocalCluster nodes = cluster.nodes();
        nodes.restart(node);
        long restartedAt = System.nanoTime();
        cluster.await(node.id() + " answers after its restart", START_MAX, () -> nodes.clusterInfo(node));
        long answeredAt = System.nanoTime();
        long leaderCommitIndex = nodes.clusterInfo(leader.node()).orElseThrow().commitIndex();
        ClusterInfo rejoined = cluster.await(node.id() + " follows " + leader.node().id()
                        + " and has applied up to index " + leaderCommitIndex, CATCH_UP_MAX,
                () -> nodes.clusterInfo(node).filter(info ->
                        info.follows(leader.node().id()) && info.appliedIndex() >= leaderCommitIndex));
        System.out.printf("%s answered %d ms after its restart, and %d ms later followed %s with applied index %d"
                        + " (the leader's commit index when it answered: %d)%n", node.id(),
                Duration.ofNanos(answeredAt - restartedAt).toMillis(),
                Duration.ofNanos(System.nanoTime() - answeredAt).toMillis(), leader.node().id(),
                rejoined.appliedIndex(), leaderCommitIndex);
    }
}
