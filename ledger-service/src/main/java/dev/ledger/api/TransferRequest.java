package dev.ledger.api;

/** Body of {@code POST /transfers}; amounts are integers in minor units (e.g. cents). */
public record TransferRequest(String from, String to, Long amount) {
}
