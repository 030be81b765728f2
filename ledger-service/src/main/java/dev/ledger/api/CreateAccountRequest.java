package dev.ledger.api;

/** Body of {@code POST /accounts}; without an id the service chooses one. */
public record CreateAccountRequest(String id, Long initialBalance) {
}
