package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.Unavailable;
import jakarta.transaction.RollbackException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseFailuresTest {

    /** What Narayana throws when PostgreSQL goes away during a commit: the reason is only in a suppressed exception. */
    @Test
    void aCommitCutOffByAServerShutdownIsTransient() {
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        Exception rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        RuntimeException thrown = new RuntimeException("Error invoking subclass method", rollback);

        assertEquals("57P01", DatabaseFailures.sqlState(thrown));
        assertTrue(DatabaseFailures.isTransient(thrown));
        // The commit may have reached the database before it went away: the client cannot be told "not applied".
        assertInstanceOf(OutcomeUnknown.class, DatabaseFailures.asClientFailure(thrown).orElseThrow());
    }

    @Test
    void aConnectionLostBeforeTheCommitChangedNothing() {
        RuntimeException thrown = new RuntimeException(new SQLException("An I/O error occurred", "08006"));

        assertInstanceOf(Unavailable.class, DatabaseFailures.asClientFailure(thrown).orElseThrow());
    }

    /** A session PostgreSQL ended for idling in its transaction: the transaction rolled back, nothing changed. */
    @Test
    void aSessionEndedForIdlingInItsTransactionChangedNothing() {
        RuntimeException thrown = new RuntimeException("Error executing work", new SQLException(
                "FATAL: terminating connection due to idle-in-transaction timeout",
                DatabaseFailures.IDLE_IN_TRANSACTION_TIMEOUT));

        assertInstanceOf(Unavailable.class, DatabaseFailures.asClientFailure(thrown).orElseThrow());
    }

    /** As pgjdbc reported it inside Hibernate's batch failure, in a comparison's optimistic run on hot accounts. */
    @Test
    void aMultixactRefusedUnderContentionChangedNothing() {
        RuntimeException thrown = new RuntimeException("could not execute batch", new BatchUpdateException(
                "Batch entry 1 update account set balance=... was aborted: ERROR: new multixact has more than one"
                        + " updating member: 0 4[158026 (keysh), 158026 (nokeyupd)]  Call getNextException to see"
                        + " other errors in the batch.", "XX000", new int[0]));

        assertTrue(DatabaseFailures.isTransient(thrown));
        assertInstanceOf(Unavailable.class, DatabaseFailures.asClientFailure(thrown).orElseThrow());
    }

    /** Agroal's acquisition timeouts carry no SQLSTATE; they were answered 500 before. */
    @ParameterizedTest
    @ValueSource(strings = {"Sorry, acquisition timeout!", "Acquisition timeout while waiting for new connection"})
    void anExhaustedPoolIsUnavailable(String agroalMessage) {
        RuntimeException thrown = new RuntimeException(new SQLException(agroalMessage));

        assertTrue(DatabaseFailures.isTransient(thrown));
        assertInstanceOf(Unavailable.class, DatabaseFailures.asClientFailure(thrown).orElseThrow());
    }

    @Test
    void aStatementTimeoutIsTransient() {
        assertTrue(DatabaseFailures.isTransient(new SQLException("canceling statement due to statement timeout",
                DatabaseFailures.STATEMENT_TIMEOUT)));
    }

    @Test
    void aConstraintViolationIsNotTransient() {
        RuntimeException thrown = new RuntimeException(new SQLException("duplicate key", "23505"));

        assertFalse(DatabaseFailures.isTransient(thrown));
        assertFalse(DatabaseFailures.isLockTimeout(thrown));
        assertTrue(DatabaseFailures.asClientFailure(thrown).isEmpty());
    }

    @Test
    void aFailureThatSuppressesItselfIndirectlyEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.addSuppressed(second);

        assertEquals(null, DatabaseFailures.sqlState(first));
    }
}
