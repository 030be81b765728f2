package dev.ledger.system;

import static dev.ledger.system.FaultSuite.LOAD_AFTER_RECOVERY;
import static dev.ledger.system.FaultSuite.ROUNDS;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The raft group under faults, the way Jepsen's bank test checks a database: clients send keyed transfers to all
 * three nodes and settle every unknown outcome by retrying with the same key, while one fault strikes. Each node
 * reaches PostgreSQL through a relay of its own ({@link DatabaseProxies}), which a test can cut. Afterwards
 * every acknowledged transfer is in the ledger exactly once, no reader saw a negative balance, the audit is clean,
 * and the unavailability window goes into target/fault-results.md. One cluster serves all faults, each with
 * accounts and keys of its own. The faults both leader modes share are in {@link LeaderModeFaults}; raft's own
 * here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftFaultsIT implements LeaderModeFaults {

    private static final int BASE_PORT = 18081;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** An election timeout (1-2 s) and the new leader's first batch, with room for a busy two-core machine. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** At least four times the service's default election timeout (1 s). */
    private static final Duration PAUSE = Duration.ofSeconds(4);
    private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.withDatabaseRelays(RaftFaultsIT.class, Mode.RAFT, BASE_PORT)
            .bounded(LEADER_TIMEOUT, WRITE_GAP_MAX);

    @Override
    public SuiteCluster suite() {
        return suite;
    }

    /** A leader-aware client: a follower sends it to the leader instead of forwarding its transfer. */
    @Test
    @Order(1)
    void aFollowerRedirectsALeaderAwareClientToTheLeader() throws Exception {
        cluster().assertFollowerRedirectsToTheLeader(new LedgerClient(), LEADER_TIMEOUT);
    }

    /** SIGKILL of a follower: the majority goes on; restarted, the follower catches up from its log. */
    @Test
    @Order(5)
    void killedFollowerRejoinsAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "follower-kill-" + round)) {
                scenario.start();
                Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec follower = cluster().nodes().nodeSpecs().stream()
                        .filter(node -> !node.equals(leader.node())).findFirst().orElseThrow();
                scenario.faultNow();
                cluster().nodes().kill(follower);
                FaultSuite.restartAndRejoin(cluster(), follower, leader.node());
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGKILL of a follower, then restart");
            }
        }
    }

    /**
     * SIGSTOP of the leader for longer than the election timeout, as in a long GC pause or a stalled VM: the others
     * elect a new leader and take writes without it; resumed, the old leader finds itself deposed and follows.
     * Whatever it had in flight when it froze takes effect at most once, in log order.
     */
    @Test
    @Order(20)
    void pausedLeaderIsDeposedAndStepsDownAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        LocalCluster nodes = cluster().nodes();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "leader-pause-" + round)) {
                scenario.start();
                Leader deposed = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                nodes.pause(deposed.node());
                // Measured from when kill(1) has returned: until the signal lands the leader still commits.
                long pausedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(pausedAt);
                Leader successor;
                Duration gap;
                try {
                    // The paused node is not asked, so this is another node, leading in a later term ...
                    successor = cluster().awaitLeader("a new leader while " + deposed.node().id() + " is paused",
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
                ClusterInfo stepped = cluster().await(deposed.node().id() + " steps down and follows "
                                + successor.node().id(), STEP_DOWN_TIMEOUT,
                        () -> nodes.clusterInfo(deposed.node()).filter(info -> info.follows(successor.node().id())));
                System.out.printf("%s now follows %s in term %d%n", deposed.node().id(), stepped.leader(),
                        stepped.term());
                scenario.finishAndVerify("SIGSTOP of the leader for " + PAUSE.toSeconds() + " s, then SIGCONT");
            }
        }
    }
}
