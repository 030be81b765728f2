package dev.ledger.raft;

import dev.ledger.transfer.TransferCommand;

/** A committed raft log entry carrying a transfer. */
public record LogEntry(long index, long term, TransferCommand command) {
}
