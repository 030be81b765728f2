package dev.ledger.mode.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The optimistic mode's settings ({@code ledger.optimistic.*}). */
@ConfigMapping(prefix = "ledger.optimistic")
public interface OptimisticConfig {
    /** Attempts of one transfer (the first one included) before answering 409 write-conflict. */
    @WithDefault("10")
    int maxAttempts();

    /** Backoff before retry n is random in [0, min(backoffMsMax, backoffMsBase * 2^n)] (full jitter). */
    @WithDefault("1")
    long backoffMsBase();

    @WithDefault("32")
    long backoffMsMax();
}
