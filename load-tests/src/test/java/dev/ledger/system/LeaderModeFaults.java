package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The faults every leader mode's suite runs, written once: the leader killed, PostgreSQL restarted, frozen and cut
 * from the leader, and afterwards no secret in any node's log. A suite implements this with its cluster
 * ({@link SuiteCluster#withDatabaseRelays}) and its mode's bounds ({@link SuiteCluster#bounded}), and adds the faults
 * only its mode has; these run at orders 10 and 40-49, the secret check at 90.
 */
interface LeaderModeFaults {

    /** The suite's cluster, each node reaching PostgreSQL through a relay of its own (see {@link SuiteCluster}). */
    SuiteCluster suite();

    default TestCluster cluster() {
        return suite().cluster();
    }

    /**
     * SIGKILL of the leader: another takes over (raft: an election timeout; zookeeper: once the session expired,
     * under a higher token) and writes go on; restarted, the old one follows the new one and, in raft, catches up.
     */
    @Test
    @Order(10)
    default void aKilledLeaderIsReplacedAndRejoinsAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        TestCluster cluster = cluster();
        for (int round = 1; round <= FaultSuite.ROUNDS; round++) {
            try (FaultScenario scenario = new FaultScenario(cluster, "leader-kill-" + round)) {
                scenario.start();
                Leader killed = cluster.awaitLeader("a leader", suite().leaderTimeout(), leader -> true);
                long killedAt = scenario.faultNow();
                CompletableFuture<Long> writesResumed = scenario.load().firstCommitSentAfter(killedAt);
                cluster.nodes().kill(killed.node());
                Leader successor = cluster.awaitLeader("a new leader after " + killed.node().id() + " was killed",
                        suite().writeGapMax(), leader -> leader.info().term() > killed.info().term());
                Duration gap = FaultScenario.writeGap(writesResumed, killedAt, suite().writeGapMax());
                String numbered = cluster.mode() == Mode.ZOOKEEPER ? "token" : "term";
                System.out.printf("write gap after SIGKILL of leader %s (%s %d): %d ms; new leader %s (%s %d)%n",
                        killed.node().id(), numbered, killed.info().term(), gap.toMillis(), successor.node().id(),
                        numbered, successor.info().term());
                FaultSuite.restartAndRejoin(cluster, killed.node(), successor.node());
                Thread.sleep(FaultSuite.LOAD_AFTER_RECOVERY.toMillis());
                scenario.finishAndVerify("SIGKILL of the leader, then restart");
            }
        }
    }

    /**
     * PostgreSQL stops (sessions cut) and comes back: what waits to be written (raft: committed log entries;
     * zookeeper: the leader's batch) is written once it is back, and what was answered as done is there exactly once.
     */
    @Test
    @Order(40)
    default void aDatabaseRestartLosesNothing() throws Exception {
        for (int round = 1; round <= FaultSuite.ROUNDS; round++) {
            DatabaseFaults.restart(cluster(), "database-restart-" + round);
        }
    }

    /**
     * PostgreSQL freezes (SIGSTOP) for longer than the commit timeout: answers say either that nothing was done
     * (unavailable: the key is given up) or that the outcome is open (outcome-unknown: retried with the key), and
     * clients without a key are refused up front. Afterwards nothing answered "not done" took effect, and nothing
     * acknowledged was lost.
     */
    @Test
    @Order(41)
    default void aDatabaseFrozenLongerThanTheCommitTimeoutAnswersEveryRequestHonestly() throws Exception {
        DatabaseFaults.freeze(cluster(), "database-freeze");
    }

    /**
     * The leader loses PostgreSQL while the others keep it (its relay cut half-open): its writes stall, so it stops
     * taking transfers, reports not ready and hands leadership to a node that can write; writes go on without it.
     * Once the relay is restored it is ready again, and every transfer took effect exactly once.
     */
    @Test
    @Order(42)
    default void aLeaderCutFromPostgresqlHandsOverAndEveryTransferTakesEffectExactlyOnce() throws Exception {
        DatabaseFaults.cutLeader(cluster(), suite().proxies(), "leader-cut-off");
    }

    /** After all the faults, restarts and errors above: no node ever wrote the secret it was given into its log. */
    @Test
    @Order(90)
    default void noNodeLogShowsTheClusterSecret() throws Exception {
        assertEquals(List.of(), cluster().logsContaining(cluster().nodes().credentials().clusterSecret()));
    }
}
