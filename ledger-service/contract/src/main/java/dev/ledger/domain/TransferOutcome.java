package dev.ledger.domain;

/** The name of each kind of {@link TransferResult} (where each is described), for metrics and stored refusals. */
public enum TransferOutcome {
    COMMITTED,
    REJECTED,
    ACCOUNT_NOT_FOUND,
    KEY_REUSED,
    KEY_IN_FLIGHT,
    WRITE_CONFLICT,
    INVALID_COMMAND,
    PENDING,
    COMPENSATED
}
