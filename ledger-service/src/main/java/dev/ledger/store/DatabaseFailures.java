package dev.ledger.store;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.Unavailable;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells which database failures are transient (worth a retry by the client: 503) from the rest, and of the
 * transient ones, which surely changed nothing ({@code unavailable}) from a commit that was cut off, which may have
 * taken effect ({@code outcome-unknown}).
 */
public final class DatabaseFailures {

    /** PostgreSQL SQLSTATE lock_not_available: a row lock was not granted within lock_timeout. */
    public static final String LOCK_TIMEOUT = "55P03";
    /** PostgreSQL SQLSTATE query_canceled, which statement_timeout raises. */
    public static final String STATEMENT_TIMEOUT = "57014";
    /**
     * PostgreSQL SQLSTATE idle_in_transaction_session_timeout: the session was ended and its transaction rolled back.
     * A frozen PostgreSQL raises it as it resumes, for every transaction that waited longer than the timeout for its
     * next statement (found by DatabaseModeFaultsIT: such requests were answered 500).
     */
    static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";
    /**
     * How Agroal says that it got no connection within its acquisition timeout, none freed up or none could be
     * opened (a frozen PostgreSQL accepts the TCP connection, then never answers): a plain SQLException with one of
     * these messages and no SQLSTATE. Nothing was sent to the database.
     */
    private static final List<String> POOL_EXHAUSTED = List.of("Sorry, acquisition timeout",
            "Acquisition timeout while waiting for new connection");

    /**
     * PostgreSQL refusing an update under heavy row-lock contention (SQLSTATE XX000, internal_error, with this
     * message): the statement failed and its transaction rolls back, so nothing changed. Found by {@code ./ledger
     * compare}: one optimistic transfer on hot accounts was answered 500 for it.
     */
    private static final String MULTIXACT_CONFLICT = "new multixact has more than one updating member";

    private DatabaseFailures() {
    }

    /**
     * The SQLSTATE of the first SQLException among the failure, its causes and their suppressed exceptions, or null.
     * Suppressed ones count: when a commit fails, Narayana throws a RollbackException whose cause chain is empty and
     * whose suppressed XAException carries PostgreSQL's reason (found by DatabaseModeFaultsIT: a PostgreSQL restart
     * during a commit was answered 500 instead of 503).
     */
    public static String sqlState(Throwable failure) {
        for (Throwable t : chain(failure)) {
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
     * Lock timeouts, statement timeouts, deadlocks, serialization failures, lost or refused connections, sessions
     * ended for idling in a transaction, a server shutting down, an exhausted connection pool, and PostgreSQL's
     * multixact refusal under contention: worth a retry with the same Idempotency-Key.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLException sql
                    && (isPoolExhausted(sql) || isMultixactConflict(sql))) {
                return true;
            }
        }
        String state = sqlState(failure);
        if (state == null) {
            return false;
        }
        return state.equals(LOCK_TIMEOUT)
                || state.equals(STATEMENT_TIMEOUT)
                || state.equals("40P01") // deadlock_detected
                || state.equals("40001") // serialization_failure
                || state.equals(IDLE_IN_TRANSACTION_TIMEOUT)
                || state.startsWith("08") // connection exceptions
                || state.startsWith("57P"); // admin/crash shutdown, cannot connect now
    }

    private static boolean isMultixactConflict(SQLException failure) {
        return failure.getMessage() != null && failure.getMessage().contains(MULTIXACT_CONFLICT);
    }

    private static boolean isPoolExhausted(SQLException failure) {
        String message = failure.getMessage();
        return failure.getSQLState() == null && message != null
                && POOL_EXHAUSTED.stream().anyMatch(message::startsWith);
    }

    /**
     * The failure came out of a transaction's commit (Narayana reports it as a rollback or a heuristic outcome):
     * the database may have committed before the connection broke.
     */
    static boolean isCommitCutOff(Throwable failure) {
        return chain(failure).stream().anyMatch(t -> t instanceof RollbackException
                || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException);
    }

    /**
     * What a client is told of a transient failure: {@link OutcomeUnknown} for a commit cut off, else
     * {@link Unavailable}; empty for a failure that is not transient (a bug: 500).
     */
    public static Optional<RuntimeException> asClientFailure(Throwable failure) {
        if (!isTransient(failure)) {
            return Optional.empty();
        }
        if (isCommitCutOff(failure)) {
            return Optional.of(new OutcomeUnknown("the connection to the database broke during the commit; retry with"
                    + " the same Idempotency-Key to learn whether it took effect"));
        }
        return Optional.of(new Unavailable(isLockTimeout(failure)
                ? "the accounts are busy (lock wait timed out); nothing was changed"
                : "the database is unreachable or busy; nothing was changed, retry"));
    }

    /** The failure, its causes and everything suppressed along the way, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        collect(failure, all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private static void collect(Throwable failure, List<Throwable> all, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            all.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                collect(suppressed, all, seen);
            }
        }
    }
}
