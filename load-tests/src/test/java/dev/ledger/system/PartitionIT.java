package dev.ledger.system;

import static dev.ledger.system.FaultSuite.ROUNDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Partition;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The raft group under network partitions, cut for real: each node runs in a network namespace of its own and the test
 * drops packets between them with nftables (Jepsen's nemeses: an isolated leader, a minority, a bridge; a node cut from
 * PostgreSQL and flapping cuts come from {@link LeaderModePartitions}). Clients on the host reach every node
 * throughout, the nodes on the wrong side too, and after each fault the fault suite's checks and the history checker
 * run. A node cut off from the majority must acknowledge nothing while it is. Needs root, ip and nft (CI has them);
 * {@code -Dfaults.rounds=N} repeats each partition N times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT implements LeaderModePartitions {

    private static final int BASE_PORT = 18381;
    /** From the cut to the first committed transfer sent after it. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** An isolated leader steps down once it has not heard from a majority for an election timeout (1 s). */
    private static final Duration STEP_DOWN_MAX = Duration.ofSeconds(10);
    private static final Duration FLAP = Duration.ofSeconds(2);

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.isolated(PartitionIT.class, Mode.RAFT, BASE_PORT)
            .bounded(LEADER_TIMEOUT, WRITE_GAP_MAX);

    @Override
    public SuiteCluster suite() {
        return suite;
    }

    /** Twice the election timeout, every time (raft's flapping cuts since they were first written). */
    @Override
    public Duration flapLength() {
        return FLAP;
    }

    /**
     * The leader cut from both followers: they elect another and take writes; the old leader, still answering
     * clients, acknowledges nothing and steps down; healed, it follows the new one.
     */
    @Test
    @Order(1)
    void anIsolatedLeaderIsReplacedAndAcknowledgesNothingWhileCutOff() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "isolated-leader-" + round)) {
                scenario.start();
                Leader old = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                nodes().partition(Partition.isolate(old.node().id(), nodeIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Leader successor = cluster().awaitLeader("a new leader on the majority side", WRITE_GAP_MAX,
                        leader -> leader.info().term() > old.info().term());
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                cluster().await(old.node().id() + " stops leading while cut off", STEP_DOWN_MAX,
                        () -> nodes().clusterInfo(old.node()).filter(info -> !info.leads()));
                long acknowledged = healAfter(cutAt, scenario, old.node());
                System.out.printf("isolated %s (term %d): %s leads in term %d; write gap %d ms; the isolated node"
                        + " acknowledged %d%n", old.node().id(), old.info().term(), successor.node().id(),
                        successor.info().term(), gap.toMillis(), acknowledged);
                FaultSuite.rejoined(cluster(), old.node(), successor.node());
                assertEquals(0, acknowledged, "writes acknowledged by the isolated old leader while cut off");
                scenario.finishAndVerify("leader isolated from the other nodes for " + CUT.toSeconds() + " s",
                        acknowledged);
            }
        }
    }

    /** A follower cut from the rest: the majority, leader included, goes on; the follower acknowledges nothing. */
    @Test
    @Order(2)
    void aMinorityFollowerAcknowledgesNothingAndTheMajorityGoesOn() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "minority-" + round)) {
                scenario.start();
                Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec follower = someFollower(leader);
                nodes().partition(Partition.split(List.of(follower.id()), nodeIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                long acknowledged = healAfter(cutAt, scenario, follower);
                System.out.printf("%s cut off: write gap %d ms; it acknowledged %d%n", follower.id(), gap.toMillis(),
                        acknowledged);
                Leader healed = cluster().awaitLeader("a leader after healing", LEADER_TIMEOUT, l -> true);
                FaultSuite.rejoined(cluster(), follower, healed.node());
                assertEquals(0, acknowledged, "writes acknowledged by the minority while cut off");
                scenario.finishAndVerify("minority (one follower) cut off for " + CUT.toSeconds() + " s",
                        acknowledged);
            }
        }
    }

    /**
     * Two nodes that cannot reach each other, both reaching the third (the leader at one end): the majority of the
     * leader and the middle goes on; the far end must not disturb it with elections it cannot win.
     */
    @Test
    @Order(3)
    void aBridgeKeepsOneLeaderAndLosesNothing() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "bridge-" + round)) {
                scenario.start();
                Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec middle = someFollower(leader);
                nodes().partition(Partition.bridge(middle.id(), nodeIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                healAfter(cutAt, scenario, null);
                System.out.printf("bridge through %s: write gap %d ms%n", middle.id(), gap.toMillis());
                scenario.finishAndVerify("bridge: the leader and a follower cut apart, both reaching the third, for "
                        + CUT.toSeconds() + " s");
            }
        }
    }

    /** {@link LeaderModePartitions#holdThenHeal}, then what {@code cutOff} (may be null) acknowledged while cut. */
    private long healAfter(long cutAt, FaultScenario scenario, NodeSpec cutOff) throws InterruptedException {
        long healedAt = LeaderModePartitions.holdThenHeal(cluster(), cutAt);
        return cutOff == null ? 0 : scenario.history().acknowledgedBy(cutOff.httpUrl(), cutAt, healedAt);
    }

    private NodeSpec someFollower(Leader leader) {
        return nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node())).findFirst().orElseThrow();
    }

    private LocalCluster nodes() {
        return cluster().nodes();
    }
}
