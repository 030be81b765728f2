package dev.ledger.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /transfers}: the most recent transfers, newest first. */
public record RecentTransfers(@Schema(required = true) List<TransferResponse> transfers) {
}
