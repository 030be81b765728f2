package dev.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transfer as the API shows it. Built only from the recorded row, so a replay is byte-for-byte the original. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true) String from,
        @Schema(required = true) String to,
        @Schema(required = true, description = "In minor units") long amount,
        @Schema(required = true) TransferStatus status,
        @Schema(description = "Why it was REJECTED or COMPENSATED; absent when COMMITTED or PENDING")
        RejectionReason reason,
        @Schema(required = true, description = "The strategy that applied it") Mode mode,
        String idempotencyKey,
        @Schema(required = true) Instant createdAt) {

    static TransferResponse of(Transfer t) {
        return new TransferResponse(t.id(), t.from(), t.to(), t.amount(), t.status(), t.reason(), t.mode(),
                t.idempotencyKey(), t.createdAt());
    }
}
