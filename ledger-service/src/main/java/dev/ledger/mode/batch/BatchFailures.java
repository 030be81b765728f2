package dev.ledger.mode.batch;

import dev.ledger.store.DatabaseFailures;

/**
 * Tells the failures of a batch that its commands cause, so that retrying them can never succeed, from those a retry
 * cures. A batch that fails so is applied again one command per transaction, and the one that fails on its own is
 * recorded as refused: one bad command must not stop the others.
 */
public final class BatchFailures {

    private BatchFailures() {
    }

    /**
     * A data exception or a constraint violation (SQLSTATE classes 22, 23), or a failure in this code rather than in
     * the database. Any other database failure (unreachable, timeouts, refused logins, resources) is retried, however
     * long it lasts. A store's own refusals (a fence that says this writer may not write) are not the commands' fault:
     * it tells them apart first.
     */
    public static boolean isCommandsFault(Exception failure) {
        String state = DatabaseFailures.sqlState(failure);
        if (state != null) {
            return state.startsWith("22") || state.startsWith("23");
        }
        return failure instanceof RuntimeException && !DatabaseFailures.isTransient(failure);
    }
}
