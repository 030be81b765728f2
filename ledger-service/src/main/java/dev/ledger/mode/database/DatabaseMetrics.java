package dev.ledger.mode.database;

/** The meters of the database modes beyond the shared ones ({@link OptimisticStrategy} registers them). */
public final class DatabaseMetrics {

    public static final String OPTIMISTIC_RETRIES = "ledger.optimistic.retries";

    private DatabaseMetrics() {
    }
}
