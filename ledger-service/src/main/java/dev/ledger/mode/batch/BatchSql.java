package dev.ledger.mode.batch;

import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferStatus;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The SQL of a batched apply that fenced stores share: the reads a batch is decided from and the writes of what it
 * decided, as parts of prepared strings of several statements, which the PostgreSQL driver sends together. A store
 * wraps them in its fence: its fence statement first in the read string (each statement still takes its own snapshot
 * in READ COMMITTED, so what is read after the fence lock is what the previous holder of the lock committed), a guard
 * on each read if it has one, its fence's advance last in the write string. So a whole batch costs one round trip to
 * read, one to write, and the commit, whatever its size. The caller owns the connection and the transaction.
 */
public final class BatchSql {

    private static final String TRANSFER_COLUMNS =
            "id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at";
    /**
     * Writes a decided batch from arrays, one row per element: the new balances (each version advanced by the
     * number of transfers that changed it), the transfer rows, two entries per committed transfer, and the refusals.
     * Entry ids are drawn per row in array order (a function scan returns its rows in order), which is the batch's
     * order, so each account's entries are numbered in the order its transfers were applied.
     */
    public static final String WRITES = "UPDATE account SET balance = v.balance, version = version + v.changes"
            + " FROM unnest(?::text[], ?::bigint[], ?::int[]) AS v(id, balance, changes) WHERE account.id = v.id;"
            + " INSERT INTO transfer (" + TRANSFER_COLUMNS + ") SELECT * FROM unnest(?::uuid[], ?::text[],"
            + " ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]);"
            + " INSERT INTO entry (id, transfer_id, account_id, amount, created_at) SELECT nextval('entry_seq'), *"
            + " FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[]);"
            + " INSERT INTO transfer_refusal (transfer_id, log_index, outcome, detail)"
            + " SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[])";
    /** The statements in {@link #WRITES}. */
    public static final int WRITE_STATEMENTS = 4;

    private BatchSql() {
    }

    /** Binds the parameters of a store's guard on a read, where each read's WHERE ends. */
    @FunctionalInterface
    public interface ReadGuard {
        ReadGuard NONE = parameters -> { };

        void bind(Parameters parameters) throws SQLException;
    }

    /**
     * The reads of a batch, to follow its fence statement: the transfers recorded under the batch's ids or keys with
     * the refusals of its ids (one result), then the balances of its accounts. {@code guard} ends each WHERE (raft:
     * {@code " AND "} a condition on its fence; empty: always read), and {@link #bindReads} binds its parameters.
     */
    public static String reads(String guard) {
        return " SELECT " + TRANSFER_COLUMNS + ", NULL::text FROM transfer"
                + " WHERE (id = ANY (?) OR idempotency_key = ANY (?))" + guard
                + " UNION ALL SELECT transfer_id, NULL, NULL, NULL, outcome, NULL, NULL, NULL, NULL, detail"
                + " FROM transfer_refusal WHERE transfer_id = ANY (?)" + guard + ";"
                + " SELECT id, balance FROM account WHERE id = ANY (?)" + guard;
    }

    /** Binds the parameters of {@link #reads} for {@code commands}: their ids, keys and accounts, and the guard's. */
    public static void bindReads(Parameters parameters, List<TransferCommand> commands, ReadGuard guard)
            throws SQLException {
        Set<String> accounts = new LinkedHashSet<>();
        for (TransferCommand command : commands) {
            accounts.add(command.from());
            accounts.add(command.to());
        }
        List<String> keys = commands.stream().map(TransferCommand::idempotencyKey).filter(k -> k != null).distinct()
                .toList();
        Array ids = parameters.array("uuid", commands.stream().map(TransferCommand::id).toList());
        parameters.setArray(ids);
        parameters.setArray(parameters.array("text", keys));
        guard.bind(parameters);
        parameters.setArray(ids);
        guard.bind(parameters);
        parameters.setArray(parameters.array("text", accounts));
        guard.bind(parameters);
    }

    /** Reads the results of {@link #reads}, which follow the statement's current result (its fence's). */
    public static BatchReads readResults(PreparedStatement statement) throws SQLException {
        statement.getMoreResults();
        Earlier earlier = Earlier.empty();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                addEarlier(earlier, rows);
            }
        }
        statement.getMoreResults();
        Map<String, Long> balances = new HashMap<>();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                balances.put(rows.getString(1), rows.getLong(2));
            }
        }
        return new BatchReads(earlier, balances);
    }

    private static void addEarlier(Earlier earlier, ResultSet row) throws SQLException {
        String detail = row.getString(10);
        if (detail != null) {
            UUID id = row.getObject(1, UUID.class);
            earlier.refusals().put(id, new Refusal(id, TransferOutcome.valueOf(row.getString(5)), detail));
            return;
        }
        Transfer transfer = transfer(row);
        earlier.byId().put(transfer.id(), transfer);
        if (transfer.idempotencyKey() != null) {
            earlier.byKey().put(transfer.idempotencyKey(), transfer);
        }
    }

    /**
     * Binds the parameters of {@link #WRITES}; a refusal's log index is {@code logIndexAt} its position in the batch
     * (null where there is no log).
     */
    public static void bindWrites(Parameters parameters, BatchWrites batch, IntFunction<Long> logIndexAt)
            throws SQLException {
        List<String> accounts = List.copyOf(batch.newBalances().keySet());
        List<Transfer> committed = batch.transfers().stream().filter(t -> t.status() == TransferStatus.COMMITTED)
                .toList();
        List<Integer> refusedAt = List.copyOf(batch.refusals().keySet());
        List<Refusal> refusals = refusedAt.stream().map(batch.refusals()::get).toList();
        parameters.column("text", accounts, a -> a);
        parameters.column("int8", accounts, batch.newBalances()::get);
        parameters.column("int4", accounts, batch.changes()::get);
        parameters.column("uuid", batch.transfers(), Transfer::id);
        parameters.column("text", batch.transfers(), Transfer::from);
        parameters.column("text", batch.transfers(), Transfer::to);
        parameters.column("int8", batch.transfers(), Transfer::amount);
        parameters.column("text", batch.transfers(), t -> t.status().name());
        parameters.column("text", batch.transfers(), t -> t.reason() == null ? null : t.reason().name());
        parameters.column("text", batch.transfers(), t -> t.mode().value());
        parameters.column("text", batch.transfers(), Transfer::idempotencyKey);
        parameters.column("text", batch.transfers(), t -> t.createdAt().toString());
        // two entries per committed transfer: the debit, then the credit
        List<Transfer> twice = committed.stream().flatMap(t -> Stream.of(t, t)).toList();
        parameters.column("uuid", twice, Transfer::id);
        parameters.columnIndexed("text", twice, (i, t) -> i % 2 == 0 ? t.from() : t.to());
        parameters.columnIndexed("int8", twice, (i, t) -> i % 2 == 0 ? -t.amount() : t.amount());
        parameters.column("text", twice, t -> t.createdAt().toString());
        parameters.column("uuid", refusals, Refusal::transferId);
        parameters.column("int8", refusedAt, logIndexAt::apply);
        parameters.column("text", refusals, r -> r.outcome().name());
        parameters.column("text", refusals, Refusal::detail);
    }

    private static Transfer transfer(ResultSet row) throws SQLException {
        String reason = row.getString(6);
        return new Transfer(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
                TransferStatus.valueOf(row.getString(5)), reason == null ? null : RejectionReason.valueOf(reason),
                Mode.fromValue(row.getString(7)), row.getString(8), row.getObject(9, OffsetDateTime.class).toInstant());
    }
}
