package dev.ledger.api;

import java.util.List;

/** {@code GET /transfers}: the most recent transfers, newest first. */
public record RecentTransfers(List<TransferResponse> transfers) {
}
