package dev.ledger.transfer;

/** What became of one transfer request. The REST layer maps each to one HTTP status, in one place. */
public enum TransferOutcome {
    /** Applied: two entries written. */
    COMMITTED,
    /** Decided and recorded, nothing moved (insufficient funds, overflow). */
    REJECTED,
    /** One of the accounts does not exist; nothing recorded. */
    ACCOUNT_NOT_FOUND,
    /** The idempotency key was first used with a different request; nothing done. */
    KEY_REUSED,
    /** A request with the same idempotency key is still being processed; nothing done. */
    KEY_IN_FLIGHT,
    /**
     * Raft only: the command failed to apply on its own with an error no retry cures (it got past validation,
     * e.g. from a node configured otherwise); recorded as refused, nothing done.
     */
    INVALID_COMMAND,
    /** Concurrent writers kept winning (optimistic) after the bounded number of attempts; nothing done. */
    WRITE_CONFLICT
}
