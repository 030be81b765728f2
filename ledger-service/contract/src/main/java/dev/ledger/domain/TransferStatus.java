package dev.ledger.domain;

/**
 * The recorded state of a transfer. A transfer decided in one transaction is COMMITTED or REJECTED at once; one across
 * the workflow mode's shards is PENDING until its workflow ends, then COMMITTED, REJECTED (the debit was refused:
 * nothing moved) or COMPENSATED (the credit was refused for good: the debit was undone).
 */
public enum TransferStatus {
    COMMITTED, REJECTED, PENDING, COMPENSATED;

    /** Whether nothing more will happen to the transfer. */
    public boolean isFinal() {
        return this != PENDING;
    }
}
