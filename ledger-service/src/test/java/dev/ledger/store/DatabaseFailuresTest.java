package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    /** What Narayana throws when PostgreSQL goes away during a commit: the reason is only in a suppressed exception. */
    @Test
    void aCommitCutOffByAServerShutdownIsTransient() {
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        RuntimeException thrown = new RuntimeException("Error invoking subclass method", rollback);

        assertEquals("57P01", DatabaseFailures.sqlState(thrown));
        assertTrue(DatabaseFailures.isTransient(thrown));
    }

    @Test
    void aConstraintViolationIsNotTransient() {
        RuntimeException thrown = new RuntimeException(new SQLException("duplicate key", "23505"));

        assertFalse(DatabaseFailures.isTransient(thrown));
        assertFalse(DatabaseFailures.isLockTimeout(thrown));
    }

    @Test
    void aFailureThatSuppressesItselfIndirectlyEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.addSuppressed(second);

        assertEquals(null, DatabaseFailures.sqlState(first));
    }
}
