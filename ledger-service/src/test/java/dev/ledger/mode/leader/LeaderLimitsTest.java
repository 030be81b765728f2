package dev.ledger.mode.leader;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A leader mode refuses settings that would only misbehave under a fault, and says which one to change. */
class LeaderLimitsTest {

    @Test
    void theDefaultsHold() {
        assertDoesNotThrow(() -> LeaderLimits.requireConsistent("ledger.raft", bounds(10_000, 3_000), 2_000));
    }

    @Test
    void aCommitTimeoutBelowTheSilentLeaderLimitIsRefused() {
        var refused = assertThrows(IllegalStateException.class,
                () -> LeaderLimits.requireConsistent("ledger.raft", bounds(1_500, 3_000), 2_000));
        assertTrue(refused.getMessage().startsWith("ledger.raft.commit-timeout-ms is 1500"), refused.getMessage());
    }

    @Test
    void aHandoverBeforeAnAbandonedBatchIsRolledBackIsRefused() {
        var refused = assertThrows(IllegalStateException.class,
                () -> LeaderLimits.requireConsistent("ledger.zookeeper", bounds(10_000, 2_000), 2_000));
        assertTrue(refused.getMessage().contains("below ledger.zookeeper.apply-failure-handover-ms (2000)"),
                refused.getMessage());
        assertThrows(IllegalStateException.class,
                () -> LeaderLimits.requireConsistent("ledger.zookeeper", bounds(10_000, 100), 50));
    }

    private static LeaderBounds bounds(long commitTimeoutMs, long applyFailureHandoverMs) {
        return new LeaderBounds() {
            @Override
            public int maxInFlight() {
                return 4096;
            }

            @Override
            public long leaderWaitMs() {
                return 3_000;
            }

            @Override
            public long commitTimeoutMs() {
                return commitTimeoutMs;
            }

            @Override
            public int applyBatchMax() {
                return 1024;
            }

            @Override
            public long applyFailureHandoverMs() {
                return applyFailureHandoverMs;
            }
        };
    }
}
