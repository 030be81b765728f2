package dev.ledger.mode.database;

import dev.ledger.contract.Mode;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferDecider;
import dev.ledger.domain.TransferDecider.Decision;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferStatus;
import dev.ledger.store.AccountEntity;
import dev.ledger.store.TransferRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/** Decides and records a transfer over two loaded account entities (the optimistic strategy's version checks). */
@ApplicationScoped
public class EntityTransfers {

    @Inject
    TransferRepository transfers;

    /**
     * Decides with {@link TransferDecider} from the entities (null: the account does not exist), moves the money if
     * the transfer commits, and records it. The key's earlier transfer was looked for before (IdempotencyGate).
     */
    public TransferResult decideAndRecord(TransferCommand command, AccountEntity from, AccountEntity to, Mode mode) {
        Decision decision = TransferDecider.decide(command, Optional.empty(), balance(from), balance(to),
                mode);
        if (decision instanceof TransferDecider.Answer answer) {
            return answer.result();
        }
        var record = (TransferDecider.Record) decision;
        if (record.transfer().status() == TransferStatus.COMMITTED) {
            from.balance -= command.amount();
            to.balance += command.amount();
        }
        transfers.record(record.transfer());
        return TransferResult.applied(record.transfer());
    }

    private static OptionalLong balance(AccountEntity account) {
        return account == null ? OptionalLong.empty() : OptionalLong.of(account.balance);
    }
}
