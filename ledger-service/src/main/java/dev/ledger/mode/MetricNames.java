package dev.ledger.mode;

/**
 * The meters every mode registers (through {@link TransferService}); each mode's own are beside it
 * ({@code RaftMetrics}, {@code ZooKeeperMetrics}, {@code DatabaseMetrics}). The dashboard reads them back, and
 * Prometheus scrapes them (a dot becomes an underscore there, e.g. {@code ledger_transfers_total}).
 */
public final class MetricNames {

    /** Counter per mode and outcome of the transfers answered. */
    public static final String TRANSFERS = "ledger.transfers";
    public static final String TRANSFER_DURATION = "ledger.transfer.duration";
    public static final String LOCK_TIMEOUTS = "ledger.lock.timeouts";

    private MetricNames() {
    }
}
