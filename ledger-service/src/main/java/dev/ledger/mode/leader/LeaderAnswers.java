package dev.ledger.mode.leader;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.Stages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The rule every leader's answer follows, in both modes with a leader. */
public final class LeaderAnswers {

    private LeaderAnswers() {
    }

    /**
     * The answer of a transfer the leader has taken, once it is written; past {@code commitTimeoutMs}, 503
     * outcome-unknown (it may still be written, so only a retry with the same key can tell). A failure of the write
     * is the answer as it was raised.
     */
    public static CompletableFuture<TransferResult> within(CompletableFuture<TransferResult> written,
            long commitTimeoutMs) {
        CompletableFuture<TransferResult> bounded = new CompletableFuture<>();
        bounded.orTimeout(commitTimeoutMs, TimeUnit.MILLISECONDS);
        written.whenComplete((result, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(Stages.cause(failure));
            } else {
                bounded.complete(result);
            }
        });
        return Stages.mapFailure(bounded, failure -> failure instanceof TimeoutException
                ? new OutcomeUnknown("the transfer was taken but its outcome is not known yet; retry with the same"
                        + " Idempotency-Key")
                : failure);
    }
}
