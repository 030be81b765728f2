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

    Optimistic optimistic();

    Idempotency idempotency();

    Http http();

    Entries entries();

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

    interface Entries {
        @WithDefault("50")
        int defaultPageSize();

        @WithDefault("500")
        int maxPageSize();
    }
}
