package dev.ledger.domain;

/** Why a transfer was REJECTED; recorded with it, so a retry with the same key is answered the same way. */
public enum RejectionReason {
    /** The debited account holds less than the amount. */
    INSUFFICIENT_FUNDS,
    /** The credited account's balance would exceed the largest representable amount. */
    BALANCE_OVERFLOW,
    /**
     * The workflow mode: a step found the account missing (a transfer across shards is accepted before either shard
     * is read).
     */
    ACCOUNT_NOT_FOUND
}
