package dev.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import java.time.Instant;
import java.util.UUID;

/** A transfer as the API shows it. Built only from the recorded row, so a replay is byte-for-byte the original. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferResponse(UUID id, String from, String to, long amount, TransferStatus status,
        RejectionReason reason, Mode mode, String idempotencyKey, Instant createdAt) {

    static TransferResponse of(Transfer t) {
        return new TransferResponse(t.id(), t.from(), t.to(), t.amount(), t.status(), t.reason(), t.mode(),
                t.idempotencyKey(), t.createdAt());
    }
}
