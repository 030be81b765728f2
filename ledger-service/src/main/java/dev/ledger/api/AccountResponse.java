package dev.ledger.api;

import dev.ledger.domain.Account;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account; amounts in minor units. */
public record AccountResponse(
        @Schema(required = true) String id,
        @Schema(required = true) long balance,
        @Schema(required = true) long openingBalance,
        @Schema(required = true, description = "Grows with every change of the balance") long version) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.balance(), account.openingBalance(), account.version());
    }
}
