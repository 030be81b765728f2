package dev.ledger.mode.leader;

import io.smallrye.config.WithDefault;

/**
 * The bounds of a mode where one elected leader writes every transfer (raft, zookeeper), the same names under
 * each mode's prefix ({@code ledger.raft.*}, {@code ledger.zookeeper.*}).
 */
public interface LeaderBounds {
    /**
     * Transfers the leader has taken but not yet written; past it, 503 at once (raft: JRaft would answer EBUSY;
     * zookeeper: the writer's queue is full).
     */
    @WithDefault("4096")
    int maxInFlight();

    /**
     * How long a request waits for a leader to be known before 503 (on a timer: no thread waits); the wait for a
     * leader counts from when this node lost its last one, so a node cut off from the others refuses at once.
     */
    @WithDefault("3000")
    long leaderWaitMs();

    /** How long a request waits for its transfer to be written (raft: committed and applied) before 503. */
    @WithDefault("10000")
    long commitTimeoutMs();

    /** Most transfers written to PostgreSQL in one database transaction. */
    @WithDefault("1024")
    int applyBatchMax();

    /**
     * A leader whose writes to PostgreSQL have been stuck on one batch this long, or failing since (its database
     * unreachable, or a statement hanging on a half-open connection, while the others' may be fine) gives up
     * leadership (raft: to the most caught-up peer; zookeeper: it rejoins the election at the back); it refuses
     * transfers from the first failed attempt, or once stuck this long.
     */
    @WithDefault("3000")
    long applyFailureHandoverMs();
}
