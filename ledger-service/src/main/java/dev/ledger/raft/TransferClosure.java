package dev.ledger.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import dev.ledger.strategy.Unavailable;
import dev.ledger.transfer.TransferResult;
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
            result.completeExceptionally(new Unavailable(
                    "the transfer was not committed (" + status.getErrorMsg() + "); retry with the same Idempotency-Key"));
        }
    }
}
