package dev.ledger.mode.zookeeper;

/** The meters of the zookeeper mode ({@link ZooKeeperStrategy} registers them). */
public final class ZooKeeperMetrics {

    /** The token of the leadership this node knows: its own while it leads, else the published leader's; 0: none. */
    public static final String TOKEN = "ledger.zookeeper.token";
    public static final String LEADER = "ledger.zookeeper.leader";
    /** Counter of the leader's batches that PostgreSQL's fence refused: a later leader had claimed it. */
    public static final String FENCED_BATCHES = "ledger.zookeeper.fenced.batches";
    /**
     * Counter of the transfers the leader took and then refused unwritten (503 unavailable) because its leadership
     * ended first: ZooKeeper said so, or the fence refused their batch.
     */
    public static final String REFUSED_UNWRITTEN = "ledger.zookeeper.refused.unwritten";

    private ZooKeeperMetrics() {
    }
}
