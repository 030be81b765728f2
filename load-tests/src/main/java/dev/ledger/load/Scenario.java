package dev.ledger.load;

import java.util.Locale;

/** The comparison's workloads (DESIGN section 6); the same for every mode. */
public enum Scenario {
    /** Random distinct pairs over all accounts: little contention. */
    UNIFORM,
    /** 80% of transfers are between the 10 hot accounts: heavy contention. */
    HOT,
    /**
     * Both accounts drawn from a Zipf distribution over all accounts with exponent 1.0, as softwaremill's tb-perf
     * measures: moderate skew (over 10,000 accounts the busiest is in about 19% of transfers, and 8% are between
     * the ten busiest).
     */
    ZIPF_1(1.0),
    /** The same with exponent 2.0, tb-perf's hotspot: the busiest account is in 87% of transfers. */
    ZIPF_2(2.0),
    /** Uniform, and a share of committed transfers is sent again with its key, as if the answer had been lost. */
    RETRY,
    /** Uniform while a node (in a mode with a leader: the leader) is killed a third into the run. */
    FAILOVER;

    /** The Zipf exponent of the accounts' popularity; 0 where accounts are not drawn by popularity. */
    private final double zipfExponent;

    Scenario() {
        this(0);
    }

    Scenario(double zipfExponent) {
        this.zipfExponent = zipfExponent;
    }

    double zipfExponent() {
        return zipfExponent;
    }

    /** Share of transfers between hot accounts in {@link #HOT}. */
    static final double HOT_SHARE = 0.8;
    public static final int HOT_ACCOUNTS = 10;
    /** Share of committed transfers replayed in {@link #RETRY}. */
    static final double REPLAY_SHARE = 0.2;

    /** As the command line and the reports name it: {@code uniform}, {@code zipf-2}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
