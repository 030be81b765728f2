package dev.ledger.mode.database;

import dev.ledger.contract.Mode;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import dev.ledger.mode.TransferStrategy;
import dev.ledger.store.AccountEntity;
import dev.ledger.store.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Row locks: one transaction locks both accounts (SELECT ... FOR NO KEY UPDATE) before reading their balances, so
 * nobody else can change them until it commits. Locks are always taken in ascending id order, so two transfers over
 * the same pair wait for each other instead of deadlocking. A lock not granted within lock_timeout fails the
 * transfer with a transient error (503).
 */
@ApplicationScoped
@ForMode(Mode.PESSIMISTIC)
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
        return idempotency.answerOrExecute(command, this::lockAndDecide);
    }

    private TransferResult lockAndDecide(TransferCommand command) {
        boolean fromFirst = command.fromGoesFirst();
        String firstId = fromFirst ? command.from() : command.to();
        String secondId = fromFirst ? command.to() : command.from();
        AccountEntity first = accounts.lockForUpdate(firstId);
        AccountEntity second = accounts.lockForUpdate(secondId);
        return fromFirst
                ? entityTransfers.decideAndRecord(command, first, second, mode())
                : entityTransfers.decideAndRecord(command, second, first, mode());
    }
}
