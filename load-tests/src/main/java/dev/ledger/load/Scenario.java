package dev.ledger.load;

import java.util.Locale;

/** The comparison's workloads (DESIGN section 6); the same for every mode. */
public enum Scenario {
    /** Random distinct pairs over all accounts: little contention. */
    UNIFORM,
    /** 80% of transfers are between the 10 hot accounts: heavy contention. */
    HOT,
    /** Uniform, and a share of committed transfers is sent again with its key, as if the answer had been lost. */
    RETRY,
    /** Uniform while a node (in a mode with a leader: the leader) is killed a third into the run. */
    FAILOVER;

    /** Share of transfers between hot accounts in {@link #HOT}. */
    static final double HOT_SHARE = 0.8;
    public static final int HOT_ACCOUNTS = 10;
    /** Share of committed transfers replayed in {@link #RETRY}. */
    static final double REPLAY_SHARE = 0.2;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scenario parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
