package dev.ledger.mode.raft;

import dev.ledger.domain.TransferCommand;
import java.util.List;

/** A transfer of a committed raft log entry; the transfers of a batch entry share its index and term. */
public record LogEntry(long index, long term, TransferCommand command) {

    /** How many raft log entries {@code transfers} (in log order) come from. */
    static int entries(List<LogEntry> transfers) {
        int entries = 0;
        long previous = Long.MIN_VALUE;
        for (LogEntry transfer : transfers) {
            if (transfer.index() != previous) {
                entries++;
                previous = transfer.index();
            }
        }
        return entries;
    }
}
