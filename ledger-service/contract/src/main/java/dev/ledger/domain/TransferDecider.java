package dev.ledger.domain;

import dev.ledger.contract.Mode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one decider: what becomes of a transfer command, given what a strategy has read under its own discipline
 * (locks, versions, raft order). One precedence for every mode, as TigerBeetle documents its result codes:
 * <ol>
 *   <li>an earlier transfer with the same idempotency key: it is replayed, or KEY_REUSED for another request;</li>
 *   <li>{@code from} does not exist, then {@code to} does not exist: ACCOUNT_NOT_FOUND, naming that account;</li>
 *   <li>insufficient funds, then overflow of the credited balance ({@link TransferRules}): REJECTED, recorded;</li>
 *   <li>otherwise COMMITTED.</li>
 * </ol>
 * Malformed input and {@code from = to} are refused before any strategy runs (400). The database modes take step 1
 * before reading balances, so that a replay locks no account; the idempotent mode decides steps 3-4 in SQL
 * (conditional UPDATEs), the one exception, held to the same outcomes by the contract tests.
 */
public final class TransferDecider {

    private TransferDecider() {
    }

    /** What the strategy does with the command: answer without writing, or record a transfer. */
    public sealed interface Decision permits Answer, Record {
    }

    /** Nothing to write: the key's earlier transfer answers, or an account does not exist. */
    public record Answer(TransferResult result) implements Decision {
    }

    /** Record this transfer; if it is COMMITTED, move its amount between the two balances too. */
    public record Record(Transfer transfer) implements Decision {
    }

    /**
     * @param earlierWithKey the transfer recorded under the command's idempotency key, if any
     * @param fromBalance the balance of {@code from}; empty if the account does not exist
     * @param toBalance the balance of {@code to}; empty if the account does not exist
     */
    public static Decision decide(TransferCommand command, Optional<Transfer> earlierWithKey, OptionalLong fromBalance,
            OptionalLong toBalance, Mode mode) {
        if (earlierWithKey.isPresent()) {
            return new Answer(TransferResult.forEarlier(earlierWithKey.get(), command));
        }
        if (fromBalance.isEmpty()) {
            return new Answer(new TransferResult.AccountNotFound(command.from()));
        }
        if (toBalance.isEmpty()) {
            return new Answer(new TransferResult.AccountNotFound(command.to()));
        }
        Optional<RejectionReason> rejection = TransferRules.check(fromBalance.getAsLong(), toBalance.getAsLong(),
                command.amount());
        return new Record(rejection.isPresent() ? command.record(TransferStatus.REJECTED, rejection.get(), mode)
                : command.record(TransferStatus.COMMITTED, null, mode));
    }

    /**
     * The same, from the balances of those of the command's accounts that exist (as a strategy reads them: by id,
     * a missing account has no entry).
     */
    public static Decision decide(TransferCommand command, Optional<Transfer> earlierWithKey,
            Map<String, Long> balances, Mode mode) {
        return decide(command, earlierWithKey, balance(balances, command.from()), balance(balances, command.to()),
                mode);
    }

    private static OptionalLong balance(Map<String, Long> balances, String accountId) {
        Long balance = balances.get(accountId);
        return balance == null ? OptionalLong.empty() : OptionalLong.of(balance);
    }
}
