package dev.ledger.mode.batch;

import java.util.Map;

/**
 * What a batch is decided from, as read in its transaction: what earlier commands left under its ids and keys, and
 * the balances of those of its accounts that exist.
 */
public record BatchReads(Earlier earlier, Map<String, Long> balances) {
}
