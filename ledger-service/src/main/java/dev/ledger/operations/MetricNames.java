package dev.ledger.operations;

/**
 * Every meter the service registers, in one place: the strategies write them, the dashboard reads them back, and
 * Prometheus scrapes them (a dot becomes an underscore there, e.g. {@code ledger_transfers_total}).
 */
public final class MetricNames {

    /** Counter per mode and outcome of the transfers answered. */
    public static final String TRANSFERS = "ledger.transfers";
    public static final String TRANSFER_DURATION = "ledger.transfer.duration";
    public static final String LOCK_TIMEOUTS = "ledger.lock.timeouts";
    public static final String OPTIMISTIC_RETRIES = "ledger.optimistic.retries";
    public static final String RAFT_APPLY_BATCH_SIZE = "ledger.raft.apply.batch.size";
    public static final String RAFT_ENTRY_TRANSFERS = "ledger.raft.entry.transfers";
    public static final String RAFT_APPLY_DURATION = "ledger.raft.apply.duration";
    public static final String RAFT_TERM = "ledger.raft.term";
    public static final String RAFT_LEADER = "ledger.raft.leader";
    public static final String RAFT_APPLY_LAG = "ledger.raft.apply.lag";
    public static final String RAFT_IN_FLIGHT = "ledger.raft.in.flight";
    /** The token of the leadership this node knows: its own while it leads, else the published leader's; 0: none. */
    public static final String ZOOKEEPER_TOKEN = "ledger.zookeeper.token";
    public static final String ZOOKEEPER_LEADER = "ledger.zookeeper.leader";
    /** Counter of the leader's batches that PostgreSQL's fence refused: a later leader had claimed it. */
    public static final String ZOOKEEPER_FENCED_BATCHES = "ledger.zookeeper.fenced.batches";
    /**
     * Counter of the transfers the leader took and then refused unwritten (503 unavailable) because its leadership
     * ended first: ZooKeeper said so, or the fence refused their batch.
     */
    public static final String ZOOKEEPER_REFUSED_UNWRITTEN = "ledger.zookeeper.refused.unwritten";

    private MetricNames() {
    }
}
