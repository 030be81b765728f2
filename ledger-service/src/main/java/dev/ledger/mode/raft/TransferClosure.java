package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Travels with a proposal on the node that proposed it: JRaft hands it back at apply (so the leader need not decode
 * its own entry to answer) or runs it with an error if the entry could not be committed (e.g. leadership lost). One
 * answer per transfer of the entry, in the entry's order.
 */
final class TransferClosure implements Closure {

    private final List<CompletableFuture<TransferResult>> answers;

    TransferClosure(List<CompletableFuture<TransferResult>> answers) {
        this.answers = List.copyOf(answers);
    }

    /** The closure of an entry of one transfer. */
    TransferClosure() {
        this(List.of(new CompletableFuture<>()));
    }

    /** How many transfers the entry carries. */
    int transfers() {
        return answers.size();
    }

    /** The answer to the entry's transfer at {@code position}, completed once its batch is committed to PostgreSQL. */
    CompletableFuture<TransferResult> answer(int position) {
        return answers.get(position);
    }

    @Override
    public void run(Status status) {
        if (!status.isOk()) {
            // Not committed by this leader; the next one may still commit it, so the outcome is open.
            OutcomeUnknown unknown = new OutcomeUnknown("the transfer was not committed here ("
                    + status.getErrorMsg() + "); retry with the same Idempotency-Key to learn its outcome");
            answers.forEach(answer -> answer.completeExceptionally(unknown));
        }
    }
}
