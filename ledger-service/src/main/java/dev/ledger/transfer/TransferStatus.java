package dev.ledger.transfer;

/** The recorded state of a transfer. */
public enum TransferStatus {
    COMMITTED, REJECTED
}
