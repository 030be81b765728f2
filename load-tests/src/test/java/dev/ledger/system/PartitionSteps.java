package dev.ledger.system;

import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.ClusterInfo;
import java.time.Duration;

/** What every partition suite does around a cut: hold it, heal, let the healed cluster take load; see a node rejoin. */
final class PartitionSteps {

    static final Duration CUT = Duration.ofSeconds(8);
    static final Duration REJOIN_MAX = Duration.ofSeconds(30);
    /** Load on the healed cluster, so that every node serves and forwards again before the checks. */
    static final Duration LOAD_AFTER_HEALING = Duration.ofSeconds(3);

    private PartitionSteps() {
    }

    /**
     * Keeps the cut until {@link #CUT} after {@code cutAt}, heals, lets the healed cluster take load, and returns
     * when it healed ({@link System#nanoTime()}).
     */
    static long holdThenHeal(RaftTestCluster cluster, long cutAt) throws InterruptedException {
        long cutFor = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
        Thread.sleep(Math.max(0, CUT.toMillis() - cutFor));
        long healedAt = System.nanoTime();
        cluster.nodes().heal();
        Thread.sleep(LOAD_AFTER_HEALING.toMillis());
        return healedAt;
    }

    static void awaitFollows(RaftTestCluster cluster, NodeSpec node, NodeSpec leader) throws Exception {
        ClusterInfo info = cluster.await(node.id() + " follows " + leader.id() + " after healing", REJOIN_MAX,
                () -> cluster.nodes().clusterInfo(node).filter(i -> i.follows(leader.id())));
        System.out.printf("%s follows %s (term or token %d)%n", node.id(), info.leader(), info.term());
    }
}
