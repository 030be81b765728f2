package dev.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Typed configuration of the ledger ({@code ledger.*}); units are in the names. */
@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {

    /** The strategy, read as text so that a wrong value fails start-up with the list of valid ones ({@link Mode#parse}). */
    Optional<String> mode();

    /** This node's name in {@code GET /cluster}, logs and metrics. */
    String nodeId();

    /** Bound on every wait for a row lock; applied to each database connection. */
    long lockTimeoutMs();

    /** Bound on a transaction left idle by a frozen client node; PostgreSQL then rolls it back, freeing its locks. */
    long idleInTransactionTimeoutMs();

    Optimistic optimistic();

    Idempotency idempotency();

    Http http();

    Entries entries();

    Raft raft();

    interface Optimistic {
        /** Attempts of one transfer (the first one included) before answering 409 write-conflict. */
        @WithDefault("10")
        int maxAttempts();

        /** Backoff before retry n is random in [0, min(backoffMsMax, backoffMsBase * 2^n)] (full jitter). */
        @WithDefault("1")
        long backoffMsBase();

        @WithDefault("32")
        long backoffMsMax();
    }

    interface Idempotency {
        @WithDefault("255")
        int keyMaxLength();
    }

    interface Http {
        /** Request bodies above this size are refused with 413 before they are read. */
        @WithDefault("16384")
        long maxBodyBytes();
    }

    /** Raft mode only. */
    interface Raft {
        /**
         * Every member of the group, this node included: {@code id@host:raftPort@httpUrl}, comma-separated, e.g.
         * {@code n1@127.0.0.1:8181@http://127.0.0.1:8081}. The id is matched against {@code ledger.node-id}.
         */
        Optional<String> peers();

        /** Raft log, metadata and snapshots of this node. */
        @WithDefault(".ledger/raft")
        String dataDir();

        /** Address the raft RPC server binds to; by default the host of this node's own peer entry. */
        Optional<String> bindHost();

        @WithDefault("1000")
        int electionTimeoutMs();

        @WithDefault("60")
        int snapshotIntervalSecs();

        /** fsync the raft log before acknowledging an entry. */
        @WithDefault("true")
        boolean logSync();

        /** Proposals this node has in the log but not yet applied; past it, 503 (JRaft would answer EBUSY). */
        @WithDefault("4096")
        int maxInFlight();

        /** How long a request waits for a leader to be known (or for a proposal slot) before 503. */
        @WithDefault("3000")
        long leaderWaitMs();

        /** How long a request waits for its entry to be committed and applied before 503 (outcome unknown). */
        @WithDefault("10000")
        long commitTimeoutMs();

        /** Most log entries applied to PostgreSQL in one database transaction. */
        @WithDefault("1024")
        int applyBatchMax();

        /** How long a follower lets the leader apply a batch before applying it itself. */
        @WithDefault("100")
        long followerApplyDelayMs();

        /** A follower is ready while it is at most this many entries behind the commit index. */
        @WithDefault("1000")
        long readyLagMaxEntries();
    }

    interface Entries {
        @WithDefault("50")
        int defaultPageSize();

        @WithDefault("500")
        int maxPageSize();
    }
}
