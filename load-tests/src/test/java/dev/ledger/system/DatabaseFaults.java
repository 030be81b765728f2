package dev.ledger.system;

import static dev.ledger.system.FaultSuite.LOAD_AFTER_RECOVERY;
import static dev.ledger.system.FaultSuite.START_MAX;

import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.NodeSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The PostgreSQL faults every mode's fault suite runs, and the kill of a node that keeps no state, the same way: under
 * load, then the ledger verified.
 */
final class DatabaseFaults {

    /** Longer than the nodes' lock and leader waits, shorter than the commit timeout (10 s). */
    static final Duration DOWNTIME = Duration.ofSeconds(3);
    /** Longer than the commit timeout (10 s), so that answers in flight are outcome-unknown. */
    static final Duration FREEZE = Duration.ofSeconds(15);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The service hands over after 3 s of stalled writes; then an election. */
    private static final Duration HANDOVER_MAX = Duration.ofSeconds(30);
    private static final Duration WRITE_GAP_MAX = Duration.ofSeconds(30);
    private static final Duration NOT_READY_MAX = Duration.ofSeconds(20);
    /** A raft node then applies all it missed. */
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(60);

    private DatabaseFaults() {
    }

    /** Which of a cluster's databases a fault strikes: the one every mode has, or the workflow mode's second shard. */
    enum Target {
        DATABASE("PostgreSQL") {
            @Override
            void restart(LocalCluster nodes, Duration downtime) throws IOException, InterruptedException {
                nodes.restartDatabase(downtime);
            }

            @Override
            void pause(LocalCluster nodes) throws IOException, InterruptedException {
                nodes.pauseDatabase();
            }

            @Override
            void resume(LocalCluster nodes) throws IOException, InterruptedException {
                nodes.resumeDatabase();
            }
        },
        SHARD_1("shard 1's PostgreSQL") {
            @Override
            void restart(LocalCluster nodes, Duration downtime) throws IOException, InterruptedException {
                nodes.restartShard1Database(downtime);
            }

            @Override
            void pause(LocalCluster nodes) throws IOException, InterruptedException {
                nodes.pauseShard1Database();
            }

            @Override
            void resume(LocalCluster nodes) throws IOException, InterruptedException {
                nodes.resumeShard1Database();
            }
        };

        private final String label;

        Target(String label) {
            this.label = label;
        }

        abstract void restart(LocalCluster nodes, Duration downtime) throws IOException, InterruptedException;

        abstract void pause(LocalCluster nodes) throws IOException, InterruptedException;

        abstract void resume(LocalCluster nodes) throws IOException, InterruptedException;
    }

    /** PostgreSQL stops (sessions cut) for {@link #DOWNTIME}, then comes back. */
    static void restart(TestCluster cluster, String name) throws IOException, InterruptedException {
        restart(cluster, name, Target.DATABASE);
    }

    static void restart(TestCluster cluster, String name, Target target) throws IOException, InterruptedException {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            scenario.faultNow();
            target.restart(cluster.nodes(), DOWNTIME);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify(target.label + " stopped for " + DOWNTIME.toSeconds() + " s, then restarted");
        }
    }

    /** PostgreSQL frozen (SIGSTOP) for {@link #FREEZE}: requests hang, pools run dry, commits are cut off. */
    static void freeze(TestCluster cluster, String name) throws IOException, InterruptedException {
        freeze(cluster, name, Target.DATABASE);
    }

    static void freeze(TestCluster cluster, String name, Target target) throws IOException, InterruptedException {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            scenario.faultNow();
            target.pause(cluster.nodes());
            try {
                Thread.sleep(FREEZE.toMillis());
            } finally {
                target.resume(cluster.nodes());
            }
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify(target.label + " frozen (SIGSTOP) for " + FREEZE.toSeconds()
                    + " s, longer than the commit timeout");
        }
    }

    /**
     * SIGKILL of one of the nodes that keep no state of their own (a database mode's, the workflow mode's): its open
     * transactions roll back, clients retry elsewhere with the same key; then it is started again.
     */
    static void killNodeAndRestart(TestCluster cluster, NodeSpec victim, String name) throws Exception {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            scenario.faultNow();
            cluster.nodes().kill(victim);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            cluster.nodes().restart(victim);
            cluster.await(victim.id() + " answers after its restart", START_MAX,
                    () -> cluster.nodes().clusterInfo(victim));
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify("SIGKILL of one service node, then restart");
        }
    }

    /**
     * The leader loses PostgreSQL while the others keep it: each node reaches the database through a relay of its
     * own ({@code proxies}), and the leader's is cut half-open (nothing answers, no connection ends). Its writes
     * stall, so it stops taking transfers, reports not ready and hands leadership to a node that can write; writes go
     * on without it. Once the relay is restored it is ready again (a raft node has caught up by then).
     */
    static void cutLeader(TestCluster cluster, DatabaseProxies proxies, String name) throws Exception {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            Leader cut = cluster.awaitLeader("a leader", LEADER_TIMEOUT, leader -> true);
            long cutAt = scenario.faultNow();
            CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(cutAt);
            proxies.cut(cut.node());
            Duration cutFor;
            try {
                Leader successor = cluster.awaitLeader("a leader other than " + cut.node().id()
                        + ", which cannot reach PostgreSQL", HANDOVER_MAX, leader -> !leader.node().equals(cut.node()));
                Duration gap = FaultScenario.writeGap(writesResumed, cutAt, WRITE_GAP_MAX);
                cluster.awaitReadiness(cut.node(), false, NOT_READY_MAX);
                System.out.printf("%s cut off from PostgreSQL; %s leads in term %d; write gap %d ms%n",
                        cut.node().id(), successor.node().id(), successor.info().term(), gap.toMillis());
            } finally {
                cutFor = Duration.ofNanos(System.nanoTime() - cutAt);
                proxies.restore(cut.node());
            }
            cluster.awaitReadiness(cut.node(), true, CATCH_UP_MAX);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify("the leader cut off from PostgreSQL (half-open) for " + cutFor.toSeconds()
                    + " s, then reconnected");
        }
    }
}
