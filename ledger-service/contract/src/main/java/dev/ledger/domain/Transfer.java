package dev.ledger.domain;

import dev.ledger.contract.Mode;
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
        Mode mode,
        String idempotencyKey,
        Instant createdAt) {
}
