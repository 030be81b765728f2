package dev.ledger.domain;

/** The recorded state of a transfer. */
public enum TransferStatus {
    COMMITTED, REJECTED
}
