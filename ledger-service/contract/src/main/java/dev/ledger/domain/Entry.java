package dev.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** One side of a committed transfer on one account: negative for the debit, positive for the credit. */
public record Entry(long id, UUID transferId, String accountId, long amount, Instant createdAt) {
}
