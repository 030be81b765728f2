package dev.ledger.api;

import dev.ledger.domain.Entry;
import java.util.List;

/**
 * One page of an account's entries, oldest first.
 *
 * @param nextAfter the value of {@code after} for the next page; null on the last page
 */
public record EntryPage(String accountId, List<Entry> entries, Long nextAfter) {
}
