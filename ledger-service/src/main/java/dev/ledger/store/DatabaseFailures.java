package dev.ledger.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Tells which database failures are transient (worth a retry by the client: 503) from the rest. */
public final class DatabaseFailures {

    /** PostgreSQL SQLSTATE lock_not_available: a row lock was not granted within lock_timeout. */
    public static final String LOCK_TIMEOUT = "55P03";

    private DatabaseFailures() {
    }

    /**
     * The SQLSTATE of the first SQLException among the failure, its causes and their suppressed exceptions, or null.
     * Suppressed ones count: when a commit fails, Narayana throws a RollbackException whose cause chain is empty and
     * whose suppressed XAException carries PostgreSQL's reason (found by DatabaseModeFaultsIT: a PostgreSQL restart
     * during a commit was answered 500 instead of 503).
     */
    public static String sqlState(Throwable failure) {
        return sqlState(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static String sqlState(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                String state = sqlState(suppressed, seen);
                if (state != null) {
                    return state;
                }
            }
        }
        return null;
    }

    public static boolean isLockTimeout(Throwable failure) {
        return LOCK_TIMEOUT.equals(sqlState(failure));
    }

    /**
     * Lock timeouts, deadlocks, serialization failures, lost or refused connections, a server shutting down, and an
     * exhausted connection pool: worth a retry with the same Idempotency-Key. Mostly nothing was changed; a commit
     * cut off midway may have taken effect, and the key then replays it.
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
