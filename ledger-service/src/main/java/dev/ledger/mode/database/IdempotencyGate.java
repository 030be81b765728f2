package dev.ledger.mode.database;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.store.TransferRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Idempotency-Key rules shared by the database strategies, run first in the transfer's own transaction.
 * The key's advisory lock is held until that transaction ends, and the transfer row carrying the key is written in
 * it, so a key is applied at most once across all nodes (backed by the UNIQUE constraint on the key).
 */
@ApplicationScoped
public class IdempotencyGate {

    @Inject
    TransferRepository transfers;

    /** The answer without executing, if there is one (see {@link #answerWithoutExecuting}); else executes it. */
    public TransferResult answerOrExecute(TransferCommand command, Function<TransferCommand, TransferResult> execute) {
        return answerWithoutExecuting(command).orElseGet(() -> execute.apply(command));
    }

    /**
     * Empty when the command must be executed now. Otherwise the answer without executing it: KEY_IN_FLIGHT while
     * another request holds the key, the earlier result replayed, or KEY_REUSED for a different request.
     */
    private Optional<TransferResult> answerWithoutExecuting(TransferCommand command) {
        String key = command.idempotencyKey();
        if (key == null) {
            return Optional.empty();
        }
        if (!transfers.tryLockKey(key)) {
            return Optional.of(new TransferResult.KeyInFlight());
        }
        return transfers.findByIdempotencyKey(key).map(earlier -> TransferResult.forEarlier(earlier, command));
    }
}
