package dev.ledger.mode.raft;

import dev.ledger.domain.TransferCommand;

/** A committed raft log entry carrying a transfer. */
public record LogEntry(long index, long term, TransferCommand command) {
}
