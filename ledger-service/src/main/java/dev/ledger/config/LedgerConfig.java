package dev.ledger.config;

import dev.ledger.contract.Mode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/** Typed configuration of the ledger ({@code ledger.*}); units are in the names. */
@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {

    /** The strategy, read as text: a wrong value fails start-up with the list of valid ones ({@link Mode#parse}). */
    Optional<String> mode();

    /** This node's name in {@code GET /cluster}, logs and metrics. */
    String nodeId();

    /** Bound on every wait for a row lock; applied to each database connection. */
    long lockTimeoutMs();

    /** Bound on a transaction left idle by a frozen client node; PostgreSQL then rolls it back, freeing its locks. */
    long idleInTransactionTimeoutMs();

    /**
     * The same bound for raft apply's connections, tighter: a batch runs its statements back to back, and a raft
     * leader cut off from PostgreSQL mid-batch holds the fence row lock that its successor's apply waits for.
     */
    long applyIdleInTransactionTimeoutMs();

    /**
     * The secret the nodes of a cluster with a leader share (env LEDGER_CLUSTER_SECRET; on Kubernetes from a Secret),
     * at least {@value dev.ledger.mode.leader.ClusterSecret#MIN_LENGTH} characters. It signs transfers forwarded to the
     * leader, and in raft mode it is the password of the raft TLS keystore. Required in the modes with a leader; never
     * logged.
     */
    Optional<String> clusterSecret();

    Admin admin();

    Optimistic optimistic();

    Idempotency idempotency();

    Http http();

    Entries entries();

    Raft raft();

    Zookeeper zookeeper();

    Dashboard dashboard();

    /** Administrative endpoints under /admin: off (404) unless a token is configured. */
    interface Admin {
        /** Bearer token for /admin (env LEDGER_ADMIN_TOKEN), at least 16 characters; absent: /admin is off. */
        Optional<String> token();

        /** Fault hooks (kill or pause the raft leader) for demonstrations on a local cluster; needs the token too. */
        @WithDefault("false")
        boolean faultsEnabled();
    }

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

        /**
         * Requests one client address may make per second (a token bucket with one second of burst); above it,
         * 429 problem+json. 0 turns the limit off. The default is above what one node serves on a small machine,
         * so it stops a runaway client without shaping normal load (a local cluster's clients all share 127.0.0.1).
         */
        @WithDefault("2000")
        int rateLimitPerClientPerSecond();

        /**
         * {@code POST /internal/noop}, the comparison's HTTP baseline (env LEDGER_HTTP_NOOP_ENABLED): off (404) unless
         * set, so that a benchmark endpoint is not on every production node; the clusters of {@code ./ledger compare}
         * turn it on.
         */
        @WithDefault("false")
        boolean noopEnabled();
    }

    /**
     * The bounds of a mode where one elected leader writes every transfer (raft, zookeeper), the same names under
     * each mode's prefix ({@code ledger.raft.*}, {@code ledger.zookeeper.*}).
     */
    interface LeaderBounds {
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

    /** Raft mode only. */
    interface Raft extends LeaderBounds {
        /**
         * Every member of the group, this node included: {@code id@host:raftPort@httpUrl}, comma-separated, e.g.
         * {@code n1@127.0.0.1:8181@http://127.0.0.1:8081}. The id is matched against {@code ledger.node-id}.
         */
        Optional<String> peers();

        /**
         * Instead of {@link #peers()}, for members that are the pods of a StatefulSet (k8s/raft-group): one entry in
         * the same format, where {@value dev.ledger.mode.raft.RaftPeer#ORDINAL} stands for a member's ordinal, 0 to
         * {@link #members()} - 1; e.g. {@code ledger-{n}@ledger-{n}.ledger-raft:8181@http://ledger-{n}.ledger-raft:8080}.
         */
        Optional<String> peerTemplate();

        /** How many members {@link #peerTemplate()} makes: the StatefulSet's replicas. */
        OptionalInt members();

        /** Raft log, metadata and snapshots of this node. */
        @WithDefault(".ledger/raft")
        String dataDir();

        /** Address the raft RPC server binds to; by default the host of this node's own peer entry. */
        Optional<String> bindHost();

        /**
         * Port the raft RPC server listens on; by default the port of this node's own peer entry. Another one only
         * where something between the peers relays their traffic to it (a delay relay: {@code ./ledger up --rtt}).
         */
        OptionalInt bindPort();

        /**
         * A PKCS12 keystore holding the key and certificate that every peer shares; its password is
         * {@code ledger.cluster-secret}. The raft port speaks mutual TLS with it, so only holders of the key can send
         * raft messages. Required in raft mode.
         */
        Optional<String> tlsKeystore();

        @WithDefault("1000")
        int electionTimeoutMs();

        @WithDefault("60")
        int snapshotIntervalSecs();

        /** fsync the raft log before acknowledging an entry. */
        @WithDefault("true")
        boolean logSync();

        /** How long a follower lets the leader apply a batch before applying it itself. */
        @WithDefault("100")
        long followerApplyDelayMs();

        /**
         * Group commit: the most transfers a leader puts in one log entry, so that one append, one sync and one
         * replication message serve them all.
         */
        @WithDefault("256")
        int proposalBatchMax();

        /** Group commit: the most bytes of transfers in one log entry. */
        @WithDefault("65536")
        int proposalBatchMaxBytes();

        /**
         * Group commit: the log entries a leader keeps proposed but not yet applied; transfers that arrive meanwhile
         * wait and go together in the next entry. It is the only linger: an idle leader proposes at once.
         */
        @WithDefault("2")
        int proposalEntriesInFlight();

        /**
         * A node is ready while it is at most this many entries behind the commit index; a leader further behind
         * refuses new proposals (503 unavailable) instead of growing a log it cannot apply.
         */
        @WithDefault("1000")
        long readyLagMaxEntries();

        /**
         * Start this raft group on a database that already holds a ledger of another group (or of a raft log that
         * was lost): the group's claim takes the database over instead of stopping. Set it only for that start.
         */
        @WithDefault("false")
        boolean adoptDatabase();
    }

    /** Zookeeper mode only: the election on a ZooKeeper ensemble, and the leader's bounds. */
    interface Zookeeper extends LeaderBounds {
        /** The ensemble, {@code host:port,host:port,...} (env LEDGER_ZOOKEEPER_CONNECT). Required in this mode. */
        Optional<String> connect();

        /**
         * Where the other nodes reach this one while it leads, to forward transfers (env LEDGER_ZOOKEEPER_HTTP_URL);
         * absent: {@code http://quarkus.http.host:quarkus.http.port}, which must then be one address others can use
         * (not 0.0.0.0).
         */
        Optional<String> httpUrl();

        /** The znode under which the nodes of one ledger elect; two ledgers on one ensemble need two roots. */
        @WithDefault("/ledger")
        String root();

        /**
         * How long ZooKeeper keeps this node's session, and so its leadership, once it stops hearing from it; a leader
         * stops after two thirds of it without contact, before the ensemble can elect another.
         */
        @WithDefault("4000")
        int sessionTimeoutMs();

        /** How long a ZooKeeper operation waits for a connection to the ensemble before it fails. */
        @WithDefault("2000")
        int connectionTimeoutMs();
    }

    interface Entries {
        @WithDefault("50")
        int defaultPageSize();

        @WithDefault("500")
        int maxPageSize();
    }

    /** The page at / and its /dashboard endpoints (package dev.ledger.operations). */
    interface Dashboard {
        /**
         * The nodes the page shows: {@code id@httpUrl}, comma-separated (e.g.
         * {@code n1@http://127.0.0.1:8081,n2@http://127.0.0.1:8082}); absent: the members a mode with a leader knows
         * (raft: its peers; zookeeper: this node and the leader), else this node only.
         */
        Optional<String> nodes();

        /** Where {@code ./ledger compare} writes {@code <stamp>/summary.json}; absent: the bundled benchmark. */
        Optional<String> reportsDir();

        /** Bound on asking another node for its state; a node slower than this is shown unreachable. */
        @WithDefault("1000")
        long nodeTimeoutMs();
    }
}
