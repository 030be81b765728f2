package dev.ledger.raft;

import dev.ledger.store.FencedLedgerStore;
import dev.ledger.transfer.RejectionReason;
import dev.ledger.transfer.Transfer;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import dev.ledger.transfer.TransferRules;
import dev.ledger.transfer.TransferStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Applies committed raft entries to PostgreSQL, many per database transaction, exactly once.
 *
 * <p>Every node's state machine applies every entry, and all share one database. The fence row (raft_fence) makes
 * that safe: a batch first locks it, skips the entries at or below the applied index stored there, applies the rest
 * in log order and advances the index in the same transaction. So whichever node gets there first applies an entry,
 * the others find it done, and after a crash, a restart or a change of leader nothing is applied twice, skipped, or
 * applied out of order. An entry's outcome is decided here, from the balances in the database at its place in the
 * log, by the same rules as every other mode; a node that finds an entry already applied reads its outcome back.
 *
 * <p>Within a batch no row locks are needed: raft appliers are the only writers of balances in raft mode, and the
 * fence lock already serializes them.
 */
public class BatchApplier {

    static final String MODE = "raft";
    private static final long FOLLOWER_POLL_MS = 5;

    private final DataSource dataSource;

    public BatchApplier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Waits up to {@code graceMs} for another node (the leader) to apply up to {@code index}, without taking the
     * fence lock: a follower that lets the leader go first does not make the leader's clients wait for its lock.
     */
    public void awaitAppliedElsewhere(long index, long graceMs) throws SQLException {
        long deadline = System.currentTimeMillis() + graceMs;
        try (Connection connection = dataSource.getConnection()) {
            while (FencedLedgerStore.appliedIndex(connection) < index && System.currentTimeMillis() < deadline) {
                Thread.sleep(FOLLOWER_POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Applies the entries (ascending, consecutive indexes). With {@code outcomes}, returns each one's result in
     * order, also for entries another node applied first; without, an empty list (a follower answers nobody).
     */
    public List<TransferResult> apply(List<LogEntry> entries, boolean outcomes) throws SQLException {
        long fence;
        List<TransferResult> results = new ArrayList<>(entries.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence = FencedLedgerStore.lockFence(connection);
                List<LogEntry> fresh = entries.stream().filter(e -> e.index() > fence).toList();
                if (!fresh.isEmpty()) {
                    results.addAll(decideAndWrite(connection, fresh));
                    LogEntry last = fresh.get(fresh.size() - 1);
                    FencedLedgerStore.advanceFence(connection, last.index(), last.term());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            if (!outcomes) {
                return List.of();
            }
            connection.setAutoCommit(true);
            // Entries another node applied first: their outcome is in the database already.
            List<TransferResult> earlier = new ArrayList<>();
            for (LogEntry entry : entries) {
                if (entry.index() <= fence) {
                    earlier.add(recordedOutcome(connection, entry.command()));
                }
            }
            earlier.addAll(results);
            return earlier;
        }
    }

    private List<TransferResult> decideAndWrite(Connection connection, List<LogEntry> entries) throws SQLException {
        Set<String> accountIds = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (LogEntry entry : entries) {
            accountIds.add(entry.command().from());
            accountIds.add(entry.command().to());
            if (entry.command().idempotencyKey() != null) {
                keys.add(entry.command().idempotencyKey());
            }
        }
        Map<String, Long> balances = FencedLedgerStore.balances(connection, accountIds);
        Map<String, Transfer> byKey = new HashMap<>();
        Map<UUID, Transfer> byId = new HashMap<>();
        for (Transfer earlier : FencedLedgerStore.transfersByIdOrKey(connection,
                entries.stream().map(entry -> entry.command().id()).toList(), keys)) {
            byId.put(earlier.id(), earlier);
            if (earlier.idempotencyKey() != null) {
                byKey.put(earlier.idempotencyKey(), earlier);
            }
        }
        Map<String, Long> newBalances = new HashMap<>();
        Map<String, Integer> changes = new HashMap<>();
        List<Transfer> recorded = new ArrayList<>();
        List<TransferResult> results = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            TransferCommand command = entry.command();
            // The same command twice in the log (a forward delivered twice) records one transfer: the id is the
            // primary key, and a batch that tried to insert it again would fail on every retry and halt apply.
            Transfer sameCommand = byId.get(command.id());
            if (sameCommand != null) {
                results.add(TransferResult.applied(sameCommand));
                continue;
            }
            Transfer earlier = command.idempotencyKey() == null ? null : byKey.get(command.idempotencyKey());
            if (earlier != null) {
                results.add(TransferResult.forEarlier(earlier, command));
                continue;
            }
            Optional<String> missing = firstMissing(balances, command);
            if (missing.isPresent()) {
                results.add(TransferResult.accountNotFound(missing.get()));
                continue;
            }
            long from = balances.get(command.from());
            long to = balances.get(command.to());
            Optional<RejectionReason> rejection = TransferRules.check(from, to, command.amount());
            Transfer transfer;
            if (rejection.isPresent()) {
                transfer = command.record(TransferStatus.REJECTED, rejection.get(), MODE);
            } else {
                transfer = command.record(TransferStatus.COMMITTED, null, MODE);
                move(balances, newBalances, changes, command.from(), from - command.amount());
                move(balances, newBalances, changes, command.to(), to + command.amount());
            }
            recorded.add(transfer);
            byId.put(command.id(), transfer);
            if (command.idempotencyKey() != null) {
                byKey.put(command.idempotencyKey(), transfer);
            }
            results.add(TransferResult.applied(transfer));
        }
        FencedLedgerStore.write(connection, recorded, newBalances, changes);
        return results;
    }

    private static void move(Map<String, Long> balances, Map<String, Long> newBalances, Map<String, Integer> changes,
            String account, long balance) {
        balances.put(account, balance);
        newBalances.put(account, balance);
        changes.merge(account, 1, Integer::sum);
    }

    private static Optional<String> firstMissing(Map<String, Long> balances, TransferCommand command) {
        if (!balances.containsKey(command.from())) {
            return Optional.of(command.from());
        }
        return balances.containsKey(command.to()) ? Optional.empty() : Optional.of(command.to());
    }

    /**
     * The outcome of an entry applied earlier (by any node): its transfer row; or, when it recorded nothing, the
     * answer its key gives now, or else the unknown account that refused it.
     */
    private static TransferResult recordedOutcome(Connection connection, TransferCommand command)
            throws SQLException {
        Optional<Transfer> recorded = FencedLedgerStore.transferById(connection, command.id());
        if (recorded.isPresent()) {
            return TransferResult.applied(recorded.get());
        }
        if (command.idempotencyKey() != null) {
            Transfer earlier = FencedLedgerStore.transfersByKey(connection, List.of(command.idempotencyKey()))
                    .get(command.idempotencyKey());
            if (earlier != null) {
                return TransferResult.forEarlier(earlier, command);
            }
        }
        Map<String, Long> balances = FencedLedgerStore.balances(connection, List.of(command.from(), command.to()));
        return TransferResult.accountNotFound(firstMissing(balances, command).orElse(command.to()));
    }
}
