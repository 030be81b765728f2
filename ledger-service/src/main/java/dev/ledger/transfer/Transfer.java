package dev.ledger.transfer;

import java.time.Instant;
import java.util.UUID;

/** A recorded transfer: COMMITTED (with two entries) or REJECTED (with a reason, no entries). */
public record Transfer(
        UUID id,
        String from,
        String to,
        long amount,
        TransferStatus status,
        RejectionReason reason,
        String mode,
        String idempotencyKey,
        Instant createdAt) {
}
