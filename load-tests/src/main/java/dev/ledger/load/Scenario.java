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

    /**
     * A shape of the load, run in every regime of a comparison; retry and failover test what a mode does, which the
     * regime does not change much, and run once, in the last.
     */
    boolean inEveryRegime() {
        return this != RETRY && this != FAILOVER;
    }

    /** Share of transfers between hot accounts in {@link #HOT}. */
    static final double HOT_SHARE = 0.8;
    public static final int HOT_ACCOUNTS = 10;
    /** Share of committed transfers replayed in {@link #RETRY}. */
    static final double REPLAY_SHARE = 0.2;

    /** One line for a user: what the scenario sends. */
    String description() {
        return switch (this) {
            case UNIFORM -> "random distinct pairs over all accounts: little contention.";
            case HOT -> "80% of transfers between 10 hot accounts, spread evenly over them: contention on ten rows.";
            case ZIPF_1 -> "both accounts drawn from a Zipf distribution with exponent 1 (tb-perf's moderate skew):"
                    + " the busiest account is in about 19% of transfers.";
            case ZIPF_2 -> "both accounts drawn from a Zipf distribution with exponent 2 (tb-perf's hotspot): the"
                    + " busiest account is in about 87% of transfers.";
            case RETRY -> "uniform, and 20% of committed transfers sent again with their key, as if the answer had"
                    + " been lost: every replay must return the same transfer.";
            case FAILOVER -> "uniform while a node (in a leader mode, the leader) is killed a third into the run.";
        };
    }

    /** As the command line and the reports name it: {@code uniform}, {@code zipf-2}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
