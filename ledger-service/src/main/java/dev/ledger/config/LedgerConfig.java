package dev.ledger.config;

import dev.ledger.contract.Mode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

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

    Idempotency idempotency();

    Http http();

    Entries entries();

    Dashboard dashboard();

    /** Administrative endpoints under /admin: off (404) unless a token is configured. */
    interface Admin {
        /** Bearer token for /admin (env LEDGER_ADMIN_TOKEN), at least 16 characters; absent: /admin is off. */
        Optional<String> token();

        /** Fault hooks (kill or pause the leader) for demonstrations on a local cluster; needs the token too. */
        @WithDefault("false")
        boolean faultsEnabled();
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
