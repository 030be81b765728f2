package dev.ledger.domain;

/** An account as clients see it; amounts in minor units. */
public record Account(String id, long balance, long openingBalance, long version) {
}
