package dev.ledger.mode.raft;

/** The meters of the raft mode ({@link RaftStrategy} registers them). */
public final class RaftMetrics {

    public static final String APPLY_BATCH_SIZE = "ledger.raft.apply.batch.size";
    public static final String ENTRY_TRANSFERS = "ledger.raft.entry.transfers";
    public static final String APPLY_DURATION = "ledger.raft.apply.duration";
    public static final String TERM = "ledger.raft.term";
    public static final String LEADER = "ledger.raft.leader";
    public static final String APPLY_LAG = "ledger.raft.apply.lag";
    public static final String IN_FLIGHT = "ledger.raft.in.flight";

    private RaftMetrics() {
    }
}
