package dev.ledger.mode.batch;

import dev.ledger.contract.Mode;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferDecider;
import dev.ledger.domain.TransferDecider.Decision;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a batch of transfer commands in order, each with the same {@link TransferDecider} as every other mode, from
 * the balances as the database and the batch's earlier commands left them. It takes no row locks: it serves a writer
 * that is the only one to change balances while it holds its fence. A command seen before (by id, in the database or
 * earlier in the batch) gets the outcome it had; a key used before answers as in every mode. Pure: the caller writes
 * what it decided, under its own fence.
 */
public final class BatchDecider {

    private BatchDecider() {
    }

    /** Each command's result, in order, and what the batch writes. */
    public record Decided(List<TransferResult> results, BatchWrites writes) {
    }

    /** Decides {@code commands} from {@code reads}, recording transfers as applied in {@code mode}. */
    public static Decided decide(List<TransferCommand> commands, BatchReads reads, Mode mode) {
        Map<String, Long> balances = new HashMap<>(reads.balances());
        Earlier known = reads.earlier().copy();
        Map<String, Long> newBalances = new HashMap<>();
        Map<String, Integer> changes = new HashMap<>();
        List<Transfer> recorded = new ArrayList<>();
        Map<Integer, Refusal> refused = new LinkedHashMap<>();
        List<TransferResult> results = new ArrayList<>(commands.size());
        for (int position = 0; position < commands.size(); position++) {
            TransferCommand command = commands.get(position);
            // The same command twice (a forward delivered or replayed twice) has one outcome: the id is the primary
            // key, and a batch that tried to insert it again would fail.
            Optional<TransferResult> sameCommand = known.outcomeOf(command);
            if (sameCommand.isPresent()) {
                results.add(sameCommand.get());
                continue;
            }
            Decision decision = TransferDecider.decide(command,
                    Optional.ofNullable(command.idempotencyKey()).map(known.byKey()::get), balances, mode);
            if (decision instanceof TransferDecider.Answer answer) {
                if (answer.result() instanceof TransferResult.AccountNotFound notFound) {
                    Refusal refusal = new Refusal(command.id(), TransferOutcome.ACCOUNT_NOT_FOUND,
                            notFound.accountId());
                    refused.put(position, refusal);
                    known.refusals().put(command.id(), refusal);
                }
                results.add(answer.result());
                continue;
            }
            Transfer transfer = ((TransferDecider.Record) decision).transfer();
            if (transfer.status() == TransferStatus.COMMITTED) {
                long from = balances.get(command.from());
                long to = balances.get(command.to());
                move(balances, newBalances, changes, command.from(), from - command.amount());
                move(balances, newBalances, changes, command.to(), to + command.amount());
            }
            recorded.add(transfer);
            known.byId().put(command.id(), transfer);
            if (command.idempotencyKey() != null) {
                known.byKey().put(command.idempotencyKey(), transfer);
            }
            results.add(TransferResult.applied(transfer));
        }
        return new Decided(results, new BatchWrites(newBalances, changes, recorded, refused));
    }

    private static void move(Map<String, Long> balances, Map<String, Long> newBalances, Map<String, Integer> changes,
            String account, long balance) {
        balances.put(account, balance);
        newBalances.put(account, balance);
        changes.merge(account, 1, Integer::sum);
    }
}
