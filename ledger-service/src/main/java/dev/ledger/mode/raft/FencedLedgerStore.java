package dev.ledger.mode.raft;

import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Plain JDBC for raft's batched apply: a whole batch of transfers costs three round trips, one that locks the
 * fence and reads what the batch needs, one that writes everything and advances the fence, and the commit. Each
 * round trip is one prepared string of several statements, which the PostgreSQL driver sends together; each
 * statement still takes its own snapshot (READ COMMITTED), so what is read after the fence lock is what the
 * previous holder of the lock committed. The caller owns the connection and the transaction.
 */
public final class FencedLedgerStore {

    private static final String TRANSFER_COLUMNS =
            "id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at";
    private static final String FENCE = "SELECT applied_index, group_id FROM raft_fence WHERE id = 1";
    private static final String FENCE_BELOW = "(SELECT applied_index FROM raft_fence WHERE id = 1) < ?";
    /**
     * Locks the fence, then reads (only if the fence is below the given index) the transfers recorded under the
     * batch's ids or keys, the refusals of its ids, and the balances of its accounts.
     */
    private static final String LOCK_AND_READ = FENCE + " FOR UPDATE;"
            + " SELECT " + TRANSFER_COLUMNS + ", NULL::text FROM transfer"
            + " WHERE (id = ANY (?) OR idempotency_key = ANY (?)) AND " + FENCE_BELOW
            + " UNION ALL SELECT transfer_id, NULL, NULL, NULL, outcome, NULL, NULL, NULL, NULL, detail"
            + " FROM raft_refusal WHERE transfer_id = ANY (?) AND " + FENCE_BELOW + ";"
            + " SELECT id, balance FROM account WHERE id = ANY (?) AND " + FENCE_BELOW;
    /**
     * Writes a decided batch from arrays, one row per element: the new balances (each version advanced by the
     * number of transfers that changed it), the transfer rows, two entries per committed transfer, the refusals,
     * and the fence. Entry ids are drawn per row in array order (a function scan returns its rows in order), which
     * is log order, so each account's entries are numbered in the order its transfers were applied.
     */
    private static final String WRITE = "UPDATE account SET balance = v.balance, version = version + v.changes"
            + " FROM unnest(?::text[], ?::bigint[], ?::int[]) AS v(id, balance, changes) WHERE account.id = v.id;"
            + " INSERT INTO transfer (" + TRANSFER_COLUMNS + ") SELECT * FROM unnest(?::uuid[], ?::text[],"
            + " ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]);"
            + " INSERT INTO entry (id, transfer_id, account_id, amount, created_at) SELECT nextval('entry_seq'), *"
            + " FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[]);"
            + " INSERT INTO raft_refusal (transfer_id, log_index, outcome, detail)"
            + " SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[]);"
            + " UPDATE raft_fence SET applied_index = ?, applied_term = ? WHERE id = 1 AND applied_index < ?";
    /** The statements in {@link #WRITE}; the last one advances the fence. */
    private static final int WRITE_STATEMENTS = 5;

    private FencedLedgerStore() {
    }

    /**
     * The fence: the last raft index applied to this database, and the group that applied it (null before a group
     * claimed the database).
     */
    public record Fence(long appliedIndex, UUID groupId) {
    }

    /** Locks the fence row until the transaction ends and returns it. */
    public static Fence lockFence(Connection connection) throws SQLException {
        return fence(connection, " FOR UPDATE");
    }

    /** The fence as it is now, without locking it. */
    public static Fence fence(Connection connection) throws SQLException {
        return fence(connection, "");
    }

    private static Fence fence(Connection connection, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FENCE + lock);
                ResultSet row = select.executeQuery()) {
            return fence(row);
        }
    }

    private static Fence fence(ResultSet row) throws SQLException {
        if (!row.next()) {
            throw new IllegalStateException("raft_fence row missing: the schema was not migrated");
        }
        return new Fence(row.getLong(1), row.getObject(2, UUID.class));
    }

    public static long appliedIndex(Connection connection) throws SQLException {
        return fence(connection).appliedIndex();
    }

    /**
     * Sets the fence to {@code index} of {@code group}'s log, also backwards: a claim, or an adoption of a database
     * whose fence counts another log.
     */
    public static void claimFence(Connection connection, UUID group, long index, long term) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE raft_fence SET group_id = ?, applied_index = ?, applied_term = ? WHERE id = 1")) {
            update.setObject(1, group);
            update.setLong(2, index);
            update.setLong(3, term);
            update.executeUpdate();
        }
    }

    /** An entry decided without a transfer row (ACCOUNT_NOT_FOUND or INVALID_COMMAND), by its transfer id. */
    public record Refusal(UUID transferId, TransferOutcome outcome, String detail) {
    }

    /** What earlier entries left: transfers by id and by idempotency key, and refusals by transfer id. */
    public record Earlier(Map<UUID, Transfer> byId, Map<String, Transfer> byKey, Map<UUID, Refusal> refusals) {
    }

    /** What a batch found under the fence lock: the fence, what earlier entries left, the accounts' balances. */
    public record Locked(Fence fence, Earlier earlier, Map<String, Long> balances) {
    }

    /**
     * Locks the fence and, if it is below {@code readBelow}, reads what earlier entries left under these transfer
     * ids or idempotency keys (a command seen twice, a key used before, an entry another node applied first) and
     * the balances of the accounts among {@code accounts} that exist, in one round trip. With the fence at or past
     * {@code readBelow}, nothing is read: a follower that finds its batch applied has nothing to do.
     */
    public static Locked lockAndRead(Connection connection, Collection<UUID> ids, Collection<String> keys,
            Collection<String> accounts, long readBelow) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(LOCK_AND_READ)) {
            Array idArray = connection.createArrayOf("uuid", ids.toArray());
            read.setArray(1, idArray);
            read.setArray(2, textArray(connection, keys));
            read.setLong(3, readBelow);
            read.setArray(4, idArray);
            read.setLong(5, readBelow);
            read.setArray(6, textArray(connection, accounts));
            read.setLong(7, readBelow);
            read.execute();
            Fence fence;
            try (ResultSet row = read.getResultSet()) {
                fence = fence(row);
            }
            read.getMoreResults();
            Earlier earlier = new Earlier(new HashMap<>(), new HashMap<>(), new HashMap<>());
            try (ResultSet rows = read.getResultSet()) {
                while (rows.next()) {
                    addEarlier(earlier, rows);
                }
            }
            read.getMoreResults();
            Map<String, Long> balances = new HashMap<>();
            try (ResultSet rows = read.getResultSet()) {
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
            }
            return new Locked(fence, earlier, balances);
        }
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
     * What a decided batch writes: the new balances with the number of transfers that changed each, the transfers
     * (committed ones get their two entries), the refusals by log index, and the fence's new place in the log.
     */
    public record Decided(Map<String, Long> newBalances, Map<String, Integer> changes, List<Transfer> transfers,
            Map<Long, Refusal> refusals, long index, long term) {
    }

    /** Writes a decided batch and advances the fence to its last entry, in one round trip. */
    public static void write(Connection connection, Decided batch) throws SQLException {
        List<String> accounts = List.copyOf(batch.newBalances().keySet());
        List<Transfer> committed = batch.transfers().stream().filter(t -> t.status() == TransferStatus.COMMITTED)
                .toList();
        List<Long> refusedAt = List.copyOf(batch.refusals().keySet());
        List<Refusal> refusals = refusedAt.stream().map(batch.refusals()::get).toList();
        try (PreparedStatement write = connection.prepareStatement(WRITE)) {
            Columns columns = new Columns(connection, write);
            columns.add("text", accounts, a -> a);
            columns.add("int8", accounts, batch.newBalances()::get);
            columns.add("int4", accounts, batch.changes()::get);
            columns.add("uuid", batch.transfers(), Transfer::id);
            columns.add("text", batch.transfers(), Transfer::from);
            columns.add("text", batch.transfers(), Transfer::to);
            columns.add("int8", batch.transfers(), Transfer::amount);
            columns.add("text", batch.transfers(), t -> t.status().name());
            columns.add("text", batch.transfers(), t -> t.reason() == null ? null : t.reason().name());
            columns.add("text", batch.transfers(), t -> t.mode().value());
            columns.add("text", batch.transfers(), Transfer::idempotencyKey);
            columns.add("text", batch.transfers(), t -> t.createdAt().toString());
            // two entries per committed transfer: the debit, then the credit
            List<Transfer> twice = committed.stream().flatMap(t -> Stream.of(t, t)).toList();
            columns.add("uuid", twice, Transfer::id);
            columns.addIndexed("text", twice, (i, t) -> i % 2 == 0 ? t.from() : t.to());
            columns.addIndexed("int8", twice, (i, t) -> i % 2 == 0 ? -t.amount() : t.amount());
            columns.add("text", twice, t -> t.createdAt().toString());
            columns.add("uuid", refusals, Refusal::transferId);
            columns.add("int8", refusedAt, i -> i);
            columns.add("text", refusals, r -> r.outcome().name());
            columns.add("text", refusals, Refusal::detail);
            write.setLong(columns.next(), batch.index());
            write.setLong(columns.next(), batch.term());
            write.setLong(columns.next(), batch.index());
            write.execute();
            for (int statement = 1; statement < WRITE_STATEMENTS; statement++) {
                write.getMoreResults();
            }
            if (write.getUpdateCount() != 1) {
                throw new IllegalStateException("raft fence did not advance to " + batch.index());
            }
        }
    }

    /** Binds one array parameter per column, in the order of the statement's placeholders. */
    private static final class Columns {
        private final Connection connection;
        private final PreparedStatement statement;
        private int parameter;

        Columns(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        <T> void add(String type, List<T> rows, Function<T, Object> column) throws SQLException {
            addIndexed(type, rows, (i, row) -> column.apply(row));
        }

        <T> void addIndexed(String type, List<T> rows, BiFunction<Integer, T, Object> column) throws SQLException {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.apply(i, rows.get(i));
            }
            statement.setArray(next(), connection.createArrayOf(type, values));
        }

        int next() {
            return ++parameter;
        }
    }

    private static Transfer transfer(ResultSet row) throws SQLException {
        String reason = row.getString(6);
        return new Transfer(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
                TransferStatus.valueOf(row.getString(5)), reason == null ? null : RejectionReason.valueOf(reason),
                Mode.fromValue(row.getString(7)), row.getString(8), row.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
