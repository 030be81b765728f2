package dev.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /transfers}; amounts are integers in minor units (e.g. cents). */
public record TransferRequest(
        @Schema(required = true, ref = ApiSchemas.ACCOUNT_ID) String from,
        @Schema(required = true, ref = ApiSchemas.ACCOUNT_ID) String to,
        @Schema(required = true, minimum = "1", description = "In minor units") Long amount) {
}
