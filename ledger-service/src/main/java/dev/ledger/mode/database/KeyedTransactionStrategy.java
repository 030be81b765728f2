package dev.ledger.mode.database;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.TransferStrategy;
import dev.ledger.store.AccountRepository;
import dev.ledger.store.TransferRepository;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A database mode that takes a transfer in one transaction, behind the idempotency key's gate: the pessimistic and
 * the idempotent mode differ only in how they {@link #execute} a transfer the gate let through. (The optimistic mode
 * retries whole transactions, so it opens its own.)
 */
abstract class KeyedTransactionStrategy implements TransferStrategy {

    @Inject
    IdempotencyGate idempotency;
    @Inject
    AccountRepository accounts;
    @Inject
    TransferRepository transfers;

    @Override
    @Transactional
    public CompletionStage<TransferResult> transfer(TransferCommand command) {
        return CompletableFuture.completedFuture(idempotency.answerOrExecute(command, this::execute));
    }

    /** Decides and writes a transfer whose key has no earlier answer, in the caller's transaction. */
    abstract TransferResult execute(TransferCommand command);
}
