package dev.ledger.api;

import dev.ledger.domain.Entry;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of an account's entries, oldest first.
 *
 * @param nextAfter the value of {@code after} for the next page; null on the last page
 */
public record EntryPage(
        @Schema(required = true) String accountId,
        @Schema(required = true) List<Entry> entries,
        @Schema(required = true, nullable = true, description = "after for the next page; null on the last page")
        Long nextAfter) {
}
