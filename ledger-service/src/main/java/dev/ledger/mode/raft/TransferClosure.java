package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferResult;
import java.util.concurrent.CompletableFuture;

/**
 * Travels with a proposal on the node that proposed it: JRaft hands it back at apply (so the leader need not decode
 * its own entry to answer) or runs it with an error if the entry could not be committed (e.g. leadership lost).
 */
final class TransferClosure implements Closure {

    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();

    CompletableFuture<TransferResult> result() {
        return result;
    }

    /** Called by the state machine once the entry's batch is committed to PostgreSQL. */
    void applied(TransferResult outcome) {
        result.complete(outcome);
    }

    @Override
    public void run(Status status) {
        if (!status.isOk()) {
            // Not committed by this leader; the next one may still commit it, so the outcome is open.
            result.completeExceptionally(new OutcomeUnknown("the transfer was not committed here ("
                    + status.getErrorMsg() + "); retry with the same Idempotency-Key to learn its outcome"));
        }
    }
}
