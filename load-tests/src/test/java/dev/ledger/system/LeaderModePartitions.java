package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.Partition;
import dev.ledger.contract.ClusterInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The partitions every leader mode's partition suite runs, written once, and what each suite does around a cut
 * (hold it, heal, let the healed cluster take load). A suite implements this with its isolated cluster and adds the
 * cuts only its mode has; these run at orders 40 and 50.
 */
interface LeaderModePartitions {

    Duration CUT = Duration.ofSeconds(8);
    /** A leader there is before a cut. */
    Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    Duration FLAPPING = Duration.ofSeconds(20);
    /**
     * Flapping cuts from shorter than an election timeout or two thirds of a ZooKeeper session to longer than the
     * session (4 s), so that some end before anything notices and some after a new leader.
     */
    Duration FLAP_MIN = Duration.ofSeconds(1);
    Duration FLAP_MAX = Duration.ofSeconds(5);
    Duration FLAP_HEALED = Duration.ofSeconds(2);

    /** The suite's cluster, in network namespaces (see {@link SuiteCluster#isolated}). */
    SuiteCluster suite();

    default TestCluster cluster() {
        return suite().cluster();
    }

    /** The ids of everything a partition may cut apart: the nodes, then the ZooKeeper members (if any). */
    default List<String> participants() {
        List<String> all = new ArrayList<>(nodeIds());
        cluster().nodes().zooKeeper().ifPresent(ensemble -> ensemble.members().forEach(m -> all.add(m.id())));
        return all;
    }

    default List<String> nodeIds() {
        return cluster().nodes().nodeSpecs().stream().map(NodeSpec::id).toList();
    }

    /**
     * The leader cut from PostgreSQL only: the others still hear it (raft's log, zookeeper's session), so nothing
     * but the leader itself will replace it. Its writes stall; it reports not ready and hands leadership to a node
     * that can write, which leads under a higher term or token. Healed, it is ready again, follows, and (raft) applies
     * what was committed meanwhile, each entry once.
     */
    @Test
    @Order(40)
    default void aLeaderCutFromTheDatabaseHandsOverAndLosesNothing() throws Exception {
        TestCluster cluster = cluster();
        for (int round = 1; round <= FaultSuite.ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "leader-from-database-" + round)) {
                scenario.start();
                Leader old = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
                cluster.nodes().partition(Partition.fromDatabase(old.node().id()));
                long cutAt = scenario.faultNow();
                CompletableFuture<Long> resumed = scenario.load().firstCommitSentAfter(cutAt);
                Leader successor = cluster.awaitLeader("a leader that can reach PostgreSQL", suite().writeGapMax(),
                        leader -> leader.info().term() > old.info().term());
                long successorSeenAt = System.nanoTime();
                Duration gap = FaultScenario.writeGap(resumed, cutAt, suite().writeGapMax());
                ClusterInfo cutOffView = cluster.nodes().clusterInfo(old.node()).orElseThrow();
                long healedAt = holdThenHeal(cluster, cutAt);
                System.out.printf("%s (term or token %d) cut from PostgreSQL: %s led under %d %d ms after the cut,"
                                + " while %s saw %s as leader%s; the first commit after the cut %d ms, the longest"
                                + " stretch without one %d ms%n", old.node().id(), old.info().term(),
                        successor.node().id(), successor.info().term(),
                        Duration.ofNanos(successorSeenAt - cutAt).toMillis(), old.node().id(), cutOffView.leader(),
                        cutOffView.session() == null ? "" : " (ZooKeeper " + cutOffView.session() + ")",
                        gap.toMillis(), scenario.load().longestCommitGap(cutAt, healedAt).toMillis());
                assertNotEquals(old.node(), successor.node(), "the node cut from PostgreSQL leads again");
                cluster.awaitReadiness(old.node(), true, FaultSuite.REJOIN_MAX);
                FaultSuite.rejoined(cluster, old.node(), successor.node());
                scenario.finishAndVerify("leader cut from PostgreSQL for " + CUT.toSeconds() + " s");
            }
        }
    }

    /**
     * A random node (or ZooKeeper member) cut from every other one and healed again, for {@link #flapLength()} each,
     * over {@link #FLAPPING}: elections come and go, nothing may be lost.
     */
    @Test
    @Order(50)
    default void flappingPartitionsLoseNothing() throws Exception {
        TestCluster cluster = cluster();
        List<String> participants = participants();
        for (int round = 1; round <= FaultSuite.ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "flapping-" + round)) {
                scenario.start();
                scenario.faultNow();
                long end = System.nanoTime() + FLAPPING.toNanos();
                List<String> cuts = new ArrayList<>();
                while (System.nanoTime() < end) {
                    String cutOff = participants.get(ThreadLocalRandom.current().nextInt(participants.size()));
                    long cutFor = flapLength().toMillis();
                    cluster.nodes().partition(Partition.isolate(cutOff, participants));
                    cuts.add(cutOff + " " + cutFor + " ms");
                    Thread.sleep(cutFor);
                    cluster.nodes().heal();
                    Thread.sleep(FLAP_HEALED.toMillis());
                }
                Thread.sleep(FaultSuite.LOAD_AFTER_RECOVERY.toMillis());
                afterFlapping();
                scenario.finishAndVerify(cuts.size() + " cuts of a random one of " + String.join(" ", participants)
                        + " (" + String.join(", ", cuts) + "), over " + FLAPPING.toSeconds() + " s");
            }
        }
    }

    /** How long one flapping cut lasts: from {@link #FLAP_MIN} to {@link #FLAP_MAX}, at random. */
    default Duration flapLength() {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(FLAP_MIN.toMillis(), FLAP_MAX.toMillis()));
    }

    /** What must be whole again before the checks after flapping cuts (the ensemble's quorum, say); nothing here. */
    default void afterFlapping() throws Exception {
    }

    /**
     * Keeps the cut until {@link #CUT} after {@code cutAt}, heals, lets the healed cluster take load, and returns
     * when it healed ({@link System#nanoTime()}).
     */
    static long holdThenHeal(TestCluster cluster, long cutAt) throws InterruptedException {
        long cutFor = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
        Thread.sleep(Math.max(0, CUT.toMillis() - cutFor));
        long healedAt = System.nanoTime();
        cluster.nodes().heal();
        Thread.sleep(FaultSuite.LOAD_AFTER_RECOVERY.toMillis());
        return healedAt;
    }
}
