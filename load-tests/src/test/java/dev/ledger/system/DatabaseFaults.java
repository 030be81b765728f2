package dev.ledger.system;

import java.io.IOException;
import java.time.Duration;

/** The PostgreSQL faults every mode's fault suite runs, the same way: under load, then the ledger verified. */
final class DatabaseFaults {

    /** Longer than the nodes' lock and leader waits, shorter than the commit timeout (10 s). */
    static final Duration DOWNTIME = Duration.ofSeconds(3);
    /** Longer than the commit timeout (10 s), so that answers in flight are outcome-unknown. */
    static final Duration FREEZE = Duration.ofSeconds(15);
    /** Load on the whole cluster again after the recovery, so that every node serves (and forwards) again. */
    private static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(3);

    private DatabaseFaults() {
    }

    /** PostgreSQL stops (sessions cut) for {@link #DOWNTIME}, then comes back. */
    static void restart(RaftTestCluster cluster, String name) throws IOException, InterruptedException {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            scenario.faultNow();
            cluster.nodes().restartDatabase(DOWNTIME);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify("PostgreSQL stopped for " + DOWNTIME.toSeconds() + " s, then restarted");
        }
    }

    /** PostgreSQL frozen (SIGSTOP) for {@link #FREEZE}: requests hang, pools run dry, commits are cut off. */
    static void freeze(RaftTestCluster cluster, String name) throws IOException, InterruptedException {
        try (FaultScenario scenario = new FaultScenario(cluster, name)) {
            scenario.start();
            scenario.faultNow();
            cluster.freezeDatabase(FREEZE);
            Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            scenario.finishAndVerify("PostgreSQL frozen (SIGSTOP) for " + FREEZE.toSeconds()
                    + " s, longer than the commit timeout");
        }
    }
}
