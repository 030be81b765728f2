package dev.ledger.mode.database;

import dev.ledger.contract.Mode;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferDecider;
import dev.ledger.domain.TransferDecider.Decision;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Row locks: one transaction locks both accounts (one SELECT ... FOR NO KEY UPDATE) as it reads their balances, so
 * nobody else can change them until it commits. Locks are always taken in ascending id order, so two transfers over
 * the same pair wait for each other instead of deadlocking. Once decided, one statement moves the money and records
 * the transfer and its entries: the rows are held for three round trips (lock, write, commit). A lock not granted
 * within lock_timeout fails the transfer with a transient error (503).
 */
@ApplicationScoped
@ForMode(Mode.PESSIMISTIC)
public class PessimisticStrategy extends KeyedTransactionStrategy {

    @Override
    public Mode mode() {
        return Mode.PESSIMISTIC;
    }

    @Override
    TransferResult execute(TransferCommand command) {
        Map<String, Long> balances = accounts.lockBalances(command.from(), command.to());
        Decision decision = TransferDecider.decide(command, Optional.empty(), balances, mode());
        if (decision instanceof TransferDecider.Answer answer) {
            return answer.result();
        }
        Transfer transfer = ((TransferDecider.Record) decision).transfer();
        transfers.recordAndMove(transfer);
        return TransferResult.applied(transfer);
    }
}
