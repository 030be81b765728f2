package dev.ledger.mode.leader;

/**
 * The limits both leader modes share beside their settings ({@link LeaderBounds}), and the relations between them that
 * must hold, checked when a leader mode starts: a setting that breaks one is refused with what to change, instead of
 * a cluster that misbehaves only under a fault.
 */
public final class LeaderLimits {

    /** How often each leader mode's watchdog looks at the leader and at the leader's writes. */
    public static final long WATCH_INTERVAL_MS = 250;

    private LeaderLimits() {
    }

    /**
     * Fails unless {@code bounds} (under {@code prefix}, e.g. {@code ledger.raft}) fit each other and the apply
     * connections' {@code ledger.apply-idle-in-transaction-timeout-ms}:
     * a silent leader is given up before a forward's own timeout; the watchdog looks several times before it hands
     * over; and a batch its leader left idle (cut off from PostgreSQL mid-batch) is rolled back before the handover,
     * so the successor does not wait for its locks (found by PartitionIT).
     */
    public static void requireConsistent(String prefix, LeaderBounds bounds, long applyIdleInTransactionTimeoutMs) {
        require(LeaderForwarder.SILENT_LEADER_MS < bounds.commitTimeoutMs(), prefix + ".commit-timeout-ms is "
                + bounds.commitTimeoutMs() + ": it must exceed the " + LeaderForwarder.SILENT_LEADER_MS
                + " ms after which a forward to a silent leader is given up");
        require(2 * WATCH_INTERVAL_MS <= bounds.applyFailureHandoverMs(), prefix + ".apply-failure-handover-ms is "
                + bounds.applyFailureHandoverMs() + ": at least " + 2 * WATCH_INTERVAL_MS
                + " (two looks of the watchdog)");
        require(applyIdleInTransactionTimeoutMs < bounds.applyFailureHandoverMs(),
                "ledger.apply-idle-in-transaction-timeout-ms (" + applyIdleInTransactionTimeoutMs
                        + ") must be below " + prefix + ".apply-failure-handover-ms (" + bounds.applyFailureHandoverMs()
                        + "), so that a leader's abandoned batch is rolled back before its successor writes");
    }

    private static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalStateException(otherwise);
        }
    }
}
