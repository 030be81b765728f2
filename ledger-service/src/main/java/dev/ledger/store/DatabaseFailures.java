package dev.ledger.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells which database failures are transient (worth a retry by the client: 503) from the rest. */
public final class DatabaseFailures {

    /** PostgreSQL SQLSTATE lock_not_available: a row lock was not granted within lock_timeout. */
    public static final String LOCK_TIMEOUT = "55P03";

    private DatabaseFailures() {
    }

    /** The SQLSTATE of the first SQLException in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    public static boolean isLockTimeout(Throwable failure) {
        return LOCK_TIMEOUT.equals(sqlState(failure));
    }

    /**
     * Lock timeouts, deadlocks, serialization failures, lost or refused connections, a server shutting down, and an
     * exhausted connection pool: the request changed nothing and may be retried.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        String state = sqlState(failure);
        if (state == null) {
            return false;
        }
        return state.equals(LOCK_TIMEOUT)
                || state.equals("40P01") // deadlock_detected
                || state.equals("40001") // serialization_failure
                || state.startsWith("08") // connection exceptions
                || state.startsWith("57P"); // admin/crash shutdown, cannot connect now
    }
}
