package dev.ledger.mode.database;

import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferStatus;
import dev.ledger.mode.ForMode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Idempotency keys and atomic conditional statements: every request must carry an Idempotency-Key (the REST layer
 * enforces it), the transfer row with the key is written in the same transaction as the effect, and balances change
 * only through single statements that check and change at once
 * ({@code UPDATE account SET balance = balance - :a WHERE id = :from AND balance >= :a}): no read-modify-write, no
 * explicit lock, no version check. The two UPDATEs run in ascending account id order, so concurrent transfers lock
 * rows in one global order and never deadlock (measured on 10 hot accounts: random order collapses to ~1-20
 * transfers/s, id order gives thousands).
 */
@ApplicationScoped
@ForMode(Mode.IDEMPOTENT)
public class IdempotentStrategy extends KeyedTransactionStrategy {

    @Override
    public Mode mode() {
        return Mode.IDEMPOTENT;
    }

    @Override
    TransferResult execute(TransferCommand command) {
        boolean debitFirst = command.fromGoesFirst();
        boolean debited;
        boolean credited;
        if (debitFirst) {
            debited = debit(command);
            credited = debited && credit(command);
        } else {
            credited = credit(command);
            debited = credited && debit(command);
        }
        if (debited && credited) {
            return record(command, TransferStatus.COMMITTED, null);
        }
        Optional<String> missing = accounts.firstMissing(command.from(), command.to());
        if (missing.isPresent()) {
            // Nothing to record for a request naming an unknown account: leave no trace at all.
            QuarkusTransaction.setRollbackOnly();
            return new TransferResult.AccountNotFound(missing.get());
        }
        // Undo the statement that did apply; its row stays locked by this transaction until commit.
        if (debited) {
            accounts.add(command.from(), command.amount());
        }
        if (credited) {
            accounts.add(command.to(), -command.amount());
        }
        return record(command, TransferStatus.REJECTED, rejectionReason(command, debitFirst || credited, debited));
    }

    /** Insufficient funds takes precedence over overflow (TransferRules), also when the credit was refused first. */
    private RejectionReason rejectionReason(TransferCommand command, boolean debitTried, boolean debited) {
        if (!debitTried) {
            debited = debit(command);
            if (debited) {
                accounts.add(command.from(), command.amount());
            }
        }
        return debited ? RejectionReason.BALANCE_OVERFLOW : RejectionReason.INSUFFICIENT_FUNDS;
    }

    private boolean debit(TransferCommand command) {
        return accounts.debitIfCovered(command.from(), command.amount());
    }

    private boolean credit(TransferCommand command) {
        return accounts.creditUnlessOverflow(command.to(), command.amount());
    }

    private TransferResult record(TransferCommand command, TransferStatus status, RejectionReason reason) {
        Transfer transfer = command.record(status, reason, mode());
        transfers.record(transfer);
        return TransferResult.applied(transfer);
    }
}
