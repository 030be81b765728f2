package dev.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /accounts}; without an id the service chooses one. */
public record CreateAccountRequest(
        @Schema(ref = ApiSchemas.ACCOUNT_ID) String id,
        @Schema(required = true, minimum = "0", description = "In minor units") Long initialBalance) {
}
