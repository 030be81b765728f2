package dev.ledger.tools;

import dev.ledger.tools.LocalCluster.Leader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGSTOP of the raft leader under load, for longer than the election timeout, as in a long GC pause
 * or a stalled VM: the others elect a new leader in a later term and take writes without it;
 * resumed, the old leader finds itself deposed and follows. Whatever it had in flight when it froze
 * takes effect at most once, in log order, and no reader ever sees a negative balance.
 */
class RaftDeposedLeaderIT {

    private static final int BASE_PORT = 18091;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** At least four times the service's default election timeout (1 s); longer until writes resume. */
    private static final Duration PAUSE = Duration.ofSeconds(4);
    /** From the pause to the first committed transfer that was sent after it, the old leader still paused. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** Load with the deposed node back, so that it serves, forwards and maybe still proposes. */
    private static final Duration LOAD_AFTER_RESUME = Duration.ofSeconds(5);
    private static final Duration STEP_DOWN_TIMEOUT = Duration.ofSeconds(15);

    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new RaftTestCluster(RaftDeposedLeaderIT.class.getSimpleName(), BASE_PORT);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pausedLeaderIsDeposedAndStepsDownAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        LocalCluster nodes = cluster.nodes();
        try (FaultScenario scenario = new FaultScenario(cluster)) {
            scenario.start();
            Leader deposed = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);

            nodes.pause(deposed.node());
            // Measured from when kill(1) has returned: starting it takes a while on a busy machine,
            // and until the signal lands the leader still commits.
            long pausedAt = System.nanoTime();
            CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(pausedAt);
            Leader successor;
            Duration gap;
            try {
                // The paused node is not asked, so this is another node, leading in a later term ...
                successor = cluster.awaitLeader("a new leader while " + deposed.node().id() + " is paused",
                        WRITE_GAP_MAX, leader -> leader.info().term() > deposed.info().term());
                // ... and the majority must take writes without the frozen node, not once it is back.
                gap = FaultScenario.writeGap(writesResumed, pausedAt, WRITE_GAP_MAX);
                Thread.sleep(Math.max(0, PAUSE.toMillis() - Duration.ofNanos(System.nanoTime() - pausedAt).toMillis()));
            } finally {
                nodes.resume(deposed.node());
            }
            System.out.printf("%s (leader in term %d) paused for %d ms; %s leads in term %d%n", deposed.node().id(),
                    deposed.info().term(), Duration.ofNanos(System.nanoTime() - pausedAt).toMillis(),
                    successor.node().id(), successor.info().term());
            // Clients whose request waits on the frozen node (directly, or forwarded by a follower
            // that still took it for the leader) wait out their own timeout first.
            System.out.printf("write gap after SIGSTOP of the leader, as these clients saw it: %d ms%n",
                    gap.toMillis());

            Thread.sleep(LOAD_AFTER_RESUME.toMillis());
            String stepsDown = deposed.node().id() + " steps down and follows " + successor.node().id();
            ClusterInfo stepped = cluster.await(stepsDown, STEP_DOWN_TIMEOUT,
                    () -> nodes.clusterInfo(deposed.node()).filter(info -> info.follows(successor.node().id())));
            System.out.printf("%s now follows %s in term %d%n", deposed.node().id(), stepped.leader(), stepped.term());
            scenario.finishAndVerify();
        }
    }
}
