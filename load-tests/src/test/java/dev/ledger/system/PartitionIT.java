package dev.ledger.system;

import static dev.ledger.system.PartitionSteps.CUT;
import static dev.ledger.system.PartitionSteps.LOAD_AFTER_HEALING;
import static dev.ledger.system.PartitionSteps.REJOIN_MAX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Partition;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The raft group under network partitions, cut for real: each node runs in a network namespace of its own and the
 * test drops packets between them with nftables (Jepsen's nemeses: an isolated leader, a minority, a bridge, a node
 * cut from PostgreSQL, flapping cuts). Clients on the host reach every node throughout, the nodes on the wrong side
 * too, and after each fault the fault suite's checks and the history checker run. A node cut off from the majority
 * must acknowledge nothing while it is. Needs root, ip and nft (CI has them); {@code -Dfaults.rounds=N} repeats
 * each partition N times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

    private static final int BASE_PORT = 18381;
    private static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** From the cut to the first committed transfer sent after it. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** An isolated leader steps down once it has not heard from a majority for an election timeout (1 s). */
    private static final Duration STEP_DOWN_MAX = Duration.ofSeconds(10);
    private static final Duration FLAPPING = Duration.ofSeconds(20);
    private static final Duration FLAP = Duration.ofSeconds(2);

    private static RaftTestCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(RaftTestCluster.canIsolate(), "PartitionIT needs root, ip and nft");
        cluster = RaftTestCluster.isolated(PartitionIT.class.getSimpleName(), Mode.RAFT, BASE_PORT, false);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The leader cut from both followers: they elect another and take writes; the old leader, still answering
     * clients, acknowledges nothing and steps down; healed, it follows the new one.
     */
    @Test
    @Order(1)
    void anIsolatedLeaderIsReplacedAndAcknowledgesNothingWhileCutOff() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "isolated-leader-" + round)) {
                scenario.start();
                Leader old = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                nodes().partition(Partition.isolate(old.node().id(), ids()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Leader successor = cluster.awaitLeader("a new leader on the majority side", WRITE_GAP_MAX,
                        leader -> leader.info().term() > old.info().term());
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                cluster.await(old.node().id() + " stops leading while cut off", STEP_DOWN_MAX,
                        () -> nodes().clusterInfo(old.node()).filter(info -> !info.leads()));
                long acknowledged = healAfter(cutAt, scenario, old.node());
                System.out.printf("isolated %s (term %d): %s leads in term %d; write gap %d ms; the isolated node"
                        + " acknowledged %d%n", old.node().id(), old.info().term(), successor.node().id(),
                        successor.info().term(), gap.toMillis(), acknowledged);
                PartitionSteps.awaitFollows(cluster, old.node(), successor.node());
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
            try (FaultScenario scenario = new FaultScenario(cluster, "minority-" + round)) {
                scenario.start();
                Leader leader = cluster.awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec follower = someFollower(leader);
                nodes().partition(Partition.split(List.of(follower.id()), ids()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                long acknowledged = healAfter(cutAt, scenario, follower);
                System.out.printf("%s cut off: write gap %d ms; it acknowledged %d%n", follower.id(), gap.toMillis(),
                        acknowledged);
                Leader healed = cluster.awaitLeader("a leader after healing", LEADER_TIMEOUT, l -> true);
                awaitCaughtUp(follower, healed.node());
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
            try (FaultScenario scenario = new FaultScenario(cluster, "bridge-" + round)) {
                scenario.start();
                Leader leader = cluster.awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                NodeSpec middle = someFollower(leader);
                nodes().partition(Partition.bridge(middle.id(), ids()));
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

    /**
     * The leader cut from PostgreSQL only: its apply stalls, so it refuses proposals and hands leadership to a peer
     * that can apply (the followers still hear it, so no election would replace it); healed, it applies what was
     * committed meanwhile, each entry once.
     */
    @Test
    @Order(4)
    void aLeaderCutFromTheDatabaseHandsOverAndLosesNothing() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "leader-database-" + round)) {
                scenario.start();
                Leader old = cluster.awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                nodes().partition(Partition.fromDatabase(old.node().id()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Leader successor = cluster.awaitLeader("a leader that can reach PostgreSQL", WRITE_GAP_MAX,
                        leader -> !leader.node().equals(old.node()));
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                healAfter(cutAt, scenario, null);
                System.out.printf("%s cut from PostgreSQL: %s leads in term %d; write gap %d ms%n", old.node().id(),
                        successor.node().id(), successor.info().term(), gap.toMillis());
                awaitCaughtUp(old.node(), successor.node());
                scenario.finishAndVerify("leader cut from PostgreSQL for " + CUT.toSeconds() + " s");
            }
        }
    }

    /** A random node cut off and healed again every few seconds: elections come and go, nothing may be lost. */
    @Test
    @Order(5)
    void flappingPartitionsLoseNothing() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "flapping-" + round)) {
                scenario.start();
                scenario.faultNow();
                long end = System.nanoTime() + FLAPPING.toNanos();
                int cuts = 0;
                while (System.nanoTime() < end) {
                    String node = ids().get(ThreadLocalRandom.current().nextInt(ids().size()));
                    nodes().partition(Partition.isolate(node, ids()));
                    cuts++;
                    Thread.sleep(FLAP.toMillis());
                    nodes().heal();
                    Thread.sleep(FLAP.toMillis());
                }
                Thread.sleep(LOAD_AFTER_HEALING.toMillis());
                scenario.finishAndVerify(cuts + " cuts of a random node, " + FLAP.toSeconds() + " s each, over "
                        + FLAPPING.toSeconds() + " s");
            }
        }
    }

    /** {@link PartitionSteps#holdThenHeal}, then what {@code cutOff} (may be null) acknowledged while cut. */
    private static long healAfter(long cutAt, FaultScenario scenario, NodeSpec cutOff) throws InterruptedException {
        long healedAt = PartitionSteps.holdThenHeal(cluster, cutAt);
        return cutOff == null ? 0 : scenario.history().acknowledgedBy(cutOff.httpUrl(), cutAt, healedAt);
    }

    /** Under load, so not quiescent: the node has applied what the leader had committed when this was asked. */
    private static void awaitCaughtUp(NodeSpec node, NodeSpec leader) throws Exception {
        long leaderCommitIndex = nodes().clusterInfo(leader).orElseThrow().commitIndex();
        ClusterInfo info = cluster.await(node.id() + " follows " + leader.id() + " and has applied up to index "
                + leaderCommitIndex, REJOIN_MAX, () -> nodes().clusterInfo(node)
                .filter(i -> i.follows(leader.id()) && i.appliedIndex() >= leaderCommitIndex));
        System.out.printf("%s caught up: %s%n", node.id(), info);
    }

    private static NodeSpec someFollower(Leader leader) {
        return nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node())).findFirst().orElseThrow();
    }

    private static LocalCluster nodes() {
        return cluster.nodes();
    }

    private static List<String> ids() {
        return nodes().nodeSpecs().stream().map(NodeSpec::id).toList();
    }
}
