package dev.ledger.api;

import dev.ledger.domain.Account;

public record AccountResponse(String id, long balance, long openingBalance, long version) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.balance(), account.openingBalance(), account.version());
    }
}
