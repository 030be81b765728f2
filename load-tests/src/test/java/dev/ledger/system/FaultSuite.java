package dev.ledger.system;

import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.ClusterInfo;
import java.time.Duration;

/**
 * What every fault and partition suite shares: how many rounds of each fault, the waits that no mode changes, and
 * how a node that was killed or cut off is seen back in the cluster. The waits a mode does change (an election, a
 * session) stay with that mode's suite.
 */
final class FaultSuite {

    /** {@code -Dfaults.rounds=N} repeats each fault N times (the full suite); CI runs one round of each. */
    static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    /** A JVM start under load, which takes 15 to 60 s on a busy two-core machine. */
    static final Duration START_MAX = Duration.ofSeconds(120);
    /** From answering again (or the cut's end) to following the leader, with what it had committed applied. */
    static final Duration REJOIN_MAX = Duration.ofSeconds(30);
    /** Load on the whole cluster again after each recovery, so that the recovered node serves and forwards too. */
    static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(3);

    private FaultSuite() {
    }

    /** Restarts {@code node} and waits until it answers, then until it has {@link #rejoined} {@code leader}. */
    static void restartAndRejoin(TestCluster cluster, NodeSpec node, NodeSpec leader) throws Exception {
        cluster.nodes().restart(node);
        long restartedAt = System.nanoTime();
        cluster.await(node.id() + " answers after its restart", START_MAX, () -> cluster.nodes().clusterInfo(node));
        System.out.printf("%s answered %d ms after its restart%n", node.id(),
                Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
        rejoined(cluster, node, leader);
    }

    /**
     * Waits until {@code node} follows {@code leader} and, in raft, has applied what the leader had committed when
     * this was asked (under load the cluster is never quiescent).
     */
    static ClusterInfo rejoined(TestCluster cluster, NodeSpec node, NodeSpec leader) throws Exception {
        Long committed = cluster.await(leader.id() + " answers", REJOIN_MAX, () -> cluster.nodes().clusterInfo(leader))
                .commitIndex();
        long askedAt = System.nanoTime();
        ClusterInfo info = cluster.await(node.id() + " follows " + leader.id()
                        + (committed == null ? "" : " and has applied up to index " + committed), REJOIN_MAX,
                () -> cluster.nodes().clusterInfo(node).filter(i -> i.follows(leader.id())
                        && (committed == null || i.appliedIndex() >= committed)));
        System.out.printf("%s follows %s (term or token %d) %d ms later%s%n", node.id(), info.leader(), info.term(),
                Duration.ofNanos(System.nanoTime() - askedAt).toMillis(),
                committed == null ? "" : ", applied index " + info.appliedIndex() + " of " + committed);
        return info;
    }
}
