package dev.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.transfer.RejectionReason;
import dev.ledger.transfer.Transfer;
import dev.ledger.transfer.TransferStatus;
import java.time.Instant;
import java.util.UUID;

/** A transfer as the API shows it. Built only from the recorded row, so a replay is byte-for-byte the original. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferResponse(UUID id, String from, String to, long amount, TransferStatus status,
        RejectionReason reason, String mode, String idempotencyKey, Instant createdAt) {

    static TransferResponse of(Transfer t) {
        return new TransferResponse(t.id(), t.from(), t.to(), t.amount(), t.status(), t.reason(), t.mode(),
                t.idempotencyKey(), t.createdAt());
    }
}
