package dev.ledger.system;

import static dev.ledger.system.FaultSuite.REJOIN_MAX;
import static dev.ledger.system.FaultSuite.ROUNDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.Partition;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.cluster.zookeeper.ZooKeeperRole;
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
 * The zookeeper mode under network partitions, cut for real: each node and each ZooKeeper member in a network namespace
 * of its own (see {@link PartitionIT} for raft). The leader is cut from the ensemble and from its peers; the ensemble's
 * leader member and a following member from the other members; the leader from PostgreSQL and random nodes and members
 * flapping come from {@link LeaderModePartitions}. After each fault the fault suite's checks and the history checker
 * run ({@link ZooKeeperDashboardIT} shows each side's view on the dashboard). Needs root, ip and nft (CI has them);
 * {@code -Dfaults.rounds=N} repeats each partition N times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperPartitionIT implements LeaderModePartitions {

    private static final int BASE_PORT = 19481;
    /** The session (4 s) expires, another node is elected and claims a token, and its first batch commits. */
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(15);
    /** A leader that hears nothing from ZooKeeper for two thirds of its session (2.7 s) gives its leadership up. */
    private static final Duration STEP_DOWN_MAX = Duration.ofSeconds(10);
    /**
     * After this, no answer the cut stopped can still arrive: one already in a socket's buffer when the rules went in
     * may be read just after.
     */
    private static final Duration CUT_TAKES_HOLD = Duration.ofMillis(500);
    private static final Duration LEADER_LOOK_INTERVAL = Duration.ofMillis(250);

    @RegisterExtension
    static final SuiteCluster suite = SuiteCluster.isolated(ZooKeeperPartitionIT.class, Mode.ZOOKEEPER, BASE_PORT)
            .bounded(LEADER_TIMEOUT, WRITE_GAP_MAX);

    @Override
    public SuiteCluster suite() {
        return suite;
    }

    /** Every member back in the quorum, so that the checks see the whole ensemble again. */
    @Override
    public void afterFlapping() throws Exception {
        cluster().awaitInQuorum(ensemble().members(), REJOIN_MAX);
    }

    /**
     * The leader cut from every ZooKeeper member while it still reaches PostgreSQL and its peers: the case the
     * fencing token exists for. It may write on until it notices (its session suspended), and the others elect a
     * new leader once its session expired; whatever the old one still tries under its token, PostgreSQL refuses, so
     * the history checker finds every acknowledged transfer and nothing else. Healed, it follows the new leader.
     */
    @Test
    @Order(1)
    void aLeaderCutFromZooKeeperIsReplacedAndItsTokenFencedOff() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "leader-from-zookeeper-" + round)) {
                scenario.start();
                Leader old = cluster().awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                nodes().partition(Partition.fromEnsemble(old.node().id(), memberIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                cluster().await(old.node().id() + " stops leading while cut from ZooKeeper", STEP_DOWN_MAX,
                        () -> nodes().clusterInfo(old.node()).filter(info -> !info.leads()));
                long stepDownSeenAt = System.nanoTime();
                Leader successor = cluster().awaitLeader("a new leader with a higher token", WRITE_GAP_MAX,
                        leader -> leader.info().term() > old.info().term());
                long successorSeenAt = System.nanoTime();
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                long healedAt = LeaderModePartitions.holdThenHeal(cluster(), cutAt);
                String cutOff = old.node().httpUrl();
                long acknowledged = scenario.history().acknowledgedBy(cutOff, cutAt, healedAt);
                System.out.printf("%s (token %d) cut from ZooKeeper: it stopped leading %d ms after the cut, %s led"
                                + " with token %d %d ms after the cut; the first commit after the cut %d ms, the"
                                + " longest stretch without one %d ms; the cut-off node acknowledged %d until it"
                                + " stopped leading (as seen), %d after%n", old.node().id(), old.info().term(),
                        Duration.ofNanos(stepDownSeenAt - cutAt).toMillis(), successor.node().id(),
                        successor.info().term(), Duration.ofNanos(successorSeenAt - cutAt).toMillis(),
                        gap.toMillis(), scenario.load().longestCommitGap(cutAt, healedAt).toMillis(),
                        scenario.history().acknowledgedBy(cutOff, cutAt, stepDownSeenAt),
                        scenario.history().acknowledgedBy(cutOff, stepDownSeenAt, healedAt));
                assertTrue(!successor.node().equals(old.node()), "the node cut from ZooKeeper leads again");
                FaultSuite.rejoined(cluster(), old.node(), successor.node());
                scenario.finishAndVerify("leader cut from the ZooKeeper ensemble for " + CUT.toSeconds() + " s",
                        acknowledged);
            }
        }
    }

    /**
     * The leader cut from the other nodes only: ZooKeeper still hears it, so it keeps leading under the same token
     * and serves the clients that reach it; the followers cannot forward to it and acknowledge nothing once the cut
     * holds. Raft differs: there the leader loses its majority and the others elect one ({@link PartitionIT}).
     */
    @Test
    @Order(2)
    void aLeaderCutFromItsPeersOnlyKeepsLeadingAndTheFollowersAcknowledgeNothing() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "leader-from-peers-" + round)) {
                scenario.start();
                Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                nodes().partition(Partition.isolate(leader.node().id(), nodeIds()));
                long cutAt = scenario.faultNow();
                while (System.nanoTime() - cutAt < CUT.toNanos()) {
                    Leader now = cluster().awaitLeader("a leader during the cut", LEADER_TIMEOUT, l -> true);
                    assertEquals(List.of(leader.node(), leader.info().term()), List.of(now.node(), now.info().term()),
                            "the leader or its token changed while only its peers were cut off");
                    Thread.sleep(LEADER_LOOK_INTERVAL.toMillis());
                }
                long healedAt = LeaderModePartitions.holdThenHeal(cluster(), cutAt);
                long heldFrom = cutAt + CUT_TAKES_HOLD.toNanos();
                long followersAcknowledged = nodes().nodeSpecs().stream().filter(node -> !node.equals(leader.node()))
                        .mapToLong(node -> scenario.history().acknowledgedBy(node.httpUrl(), heldFrom, healedAt))
                        .sum();
                System.out.printf("%s (token %d) cut from its peers only: it led throughout and acknowledged %d; the"
                                + " followers acknowledged %d once the cut held%n", leader.node().id(),
                        leader.info().term(), scenario.history().acknowledgedBy(leader.node().httpUrl(), cutAt,
                                healedAt), followersAcknowledged);
                assertEquals(0, followersAcknowledged, "followers acknowledged writes they could not forward");
                scenario.finishAndVerify("leader cut from its peers only for " + CUT.toSeconds() + " s");
            }
        }
    }

    /**
     * The ensemble's leader member cut from the other members, every node still reaching all three: the two elect a
     * leader of their own (ZAB), the cut-off member loses its quorum and drops its clients, which reconnect to the
     * others within their session. Writes go on or resume, and nothing is lost; healed, the member rejoins.
     */
    @Test
    @Order(3)
    void theEnsemblesLeaderMemberCutFromTheOthersLosesNothing() throws Exception {
        ZooKeeperEnsemble ensemble = ensemble();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "zookeeper-leader-member-" + round)) {
                scenario.start();
                ZooKeeperMember zabLeader = cluster().await("the ensemble's leader member", LEADER_TIMEOUT,
                        () -> ensemble.members().stream()
                                .filter(member -> ensemble.role(member) == ZooKeeperRole.LEADER).findFirst());
                nodes().partition(Partition.split(List.of(zabLeader.id()), memberIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                ZooKeeperMember successor = cluster().await("a leader member among the others", WRITE_GAP_MAX,
                        () -> ensemble.members().stream().filter(member -> !member.equals(zabLeader)
                                && ensemble.role(member) == ZooKeeperRole.LEADER).findFirst());
                long successorAt = System.nanoTime();
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                long healedAt = LeaderModePartitions.holdThenHeal(cluster(), cutAt);
                cluster().awaitInQuorum(ensemble.members(), REJOIN_MAX);
                System.out.printf("%s (the ensemble's leader) cut from the other members: %s led them %d ms after"
                                + " the cut; the first commit after the cut %d ms, the longest stretch without one"
                                + " %d ms%n", zabLeader.id(), successor.id(),
                        Duration.ofNanos(successorAt - cutAt).toMillis(), gap.toMillis(),
                        scenario.load().longestCommitGap(cutAt, healedAt).toMillis());
                scenario.finishAndVerify("the ensemble's leader member cut from the others for " + CUT.toSeconds()
                        + " s");
            }
        }
    }

    /**
     * A member that is not the ensemble's leader cut from the other members: it loses the quorum and drops its
     * clients, which reconnect to the others within their session; the ensemble and the leader node go on.
     */
    @Test
    @Order(4)
    void aMinorityOfMembersCutOffLosesNothing() throws Exception {
        ZooKeeperEnsemble ensemble = ensemble();
        for (int round = 1; round <= ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster(), "zookeeper-minority-" + round)) {
                scenario.start();
                Leader leader = cluster().awaitLeader("a leader", LEADER_TIMEOUT, l -> true);
                ZooKeeperMember follower = cluster().await("a member following the ensemble's leader", LEADER_TIMEOUT,
                        () -> ensemble.members().stream()
                                .filter(member -> ensemble.role(member) == ZooKeeperRole.FOLLOWER).findFirst());
                nodes().partition(Partition.split(List.of(follower.id()), memberIds()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Duration gap = FaultScenario.writeGap(resumed, cutAt, WRITE_GAP_MAX);
                long healedAt = LeaderModePartitions.holdThenHeal(cluster(), cutAt);
                Leader after = cluster().awaitLeader("a leader after healing", LEADER_TIMEOUT, l -> true);
                cluster().awaitInQuorum(ensemble.members(), REJOIN_MAX);
                System.out.printf("%s (a following member) cut from the other members: the first commit after the"
                                + " cut %d ms, the longest stretch without one %d ms; %s led with token %d before,"
                                + " %s with token %d after%n", follower.id(), gap.toMillis(),
                        scenario.load().longestCommitGap(cutAt, healedAt).toMillis(), leader.node().id(),
                        leader.info().term(), after.node().id(), after.info().term());
                scenario.finishAndVerify("a following member cut from the others for " + CUT.toSeconds() + " s");
            }
        }
    }


    private ZooKeeperEnsemble ensemble() {
        return nodes().zooKeeper().orElseThrow();
    }

    private LocalCluster nodes() {
        return cluster().nodes();
    }

    private List<String> memberIds() {
        return nodes().zooKeeper().orElseThrow().members().stream().map(ZooKeeperMember::id).toList();
    }
}
