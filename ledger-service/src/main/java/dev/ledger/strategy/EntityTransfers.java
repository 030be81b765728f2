package dev.ledger.strategy;

import dev.ledger.config.Mode;
import dev.ledger.store.AccountEntity;
import dev.ledger.store.TransferRepository;
import dev.ledger.transfer.RejectionReason;
import dev.ledger.transfer.Transfer;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import dev.ledger.transfer.TransferRules;
import dev.ledger.transfer.TransferStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Decides and records a transfer over two loaded account entities (the pessimistic and optimistic strategies). */
@ApplicationScoped
public class EntityTransfers {

    @Inject
    TransferRepository transfers;

    /** Applies the rules to the entities' balances, moves the money if allowed, and records the outcome. */
    public TransferResult decideAndRecord(TransferCommand command, AccountEntity from, AccountEntity to, Mode mode) {
        Optional<RejectionReason> rejection = TransferRules.check(from.balance, to.balance, command.amount());
        Transfer transfer;
        if (rejection.isPresent()) {
            transfer = command.record(TransferStatus.REJECTED, rejection.get(), mode.value());
        } else {
            from.balance -= command.amount();
            to.balance += command.amount();
            transfer = command.record(TransferStatus.COMMITTED, null, mode.value());
        }
        transfers.record(transfer);
        return TransferResult.applied(transfer);
    }
}
