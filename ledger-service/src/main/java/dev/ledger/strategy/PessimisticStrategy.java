package dev.ledger.strategy;

import dev.ledger.config.Mode;
import dev.ledger.store.AccountEntity;
import dev.ledger.store.AccountRepository;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Row locks: one transaction locks both accounts (SELECT ... FOR NO KEY UPDATE) before reading their balances, so
 * nobody else can change them until it commits. Locks are always taken in ascending id order, so two transfers over
 * the same pair wait for each other instead of deadlocking. A lock not granted within lock_timeout fails the
 * transfer with a transient error (503).
 */
@ApplicationScoped
@Typed(PessimisticStrategy.class)
public class PessimisticStrategy implements TransferStrategy {

    @Inject
    IdempotencyGate idempotency;
    @Inject
    AccountRepository accounts;
    @Inject
    EntityTransfers entityTransfers;

    @Override
    public Mode mode() {
        return Mode.PESSIMISTIC;
    }

    @Override
    @Transactional
    public TransferResult transfer(TransferCommand command) {
        Optional<TransferResult> answer = idempotency.answerWithoutExecuting(command);
        if (answer.isPresent()) {
            return answer.get();
        }
        boolean fromFirst = command.from().compareTo(command.to()) < 0;
        String firstId = fromFirst ? command.from() : command.to();
        String secondId = fromFirst ? command.to() : command.from();
        AccountEntity first = accounts.lockForUpdate(firstId);
        AccountEntity second = accounts.lockForUpdate(secondId);
        return fromFirst
                ? entityTransfers.decideAndRecord(command, first, second, mode())
                : entityTransfers.decideAndRecord(command, second, first, mode());
    }
}
