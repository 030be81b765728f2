package dev.ledger.store;

import dev.ledger.transfer.RejectionReason;
import dev.ledger.transfer.Transfer;
import dev.ledger.transfer.TransferStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC for raft's batched apply: a whole batch of transfers becomes a handful of statements (one read of the
 * balances, one of the keys, batched writes) in one transaction that also advances the raft fence. The caller owns
 * the connection and the transaction.
 */
public final class FencedLedgerStore {

    private static final String TRANSFER_COLUMNS =
            "id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at";

    private FencedLedgerStore() {
    }

    /** Locks the fence row until the transaction ends and returns the last applied raft index. */
    public static long lockFence(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT applied_index FROM raft_fence WHERE id = 1 FOR UPDATE");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("raft_fence row missing: the schema was not migrated");
            }
            return row.getLong(1);
        }
    }

    public static long appliedIndex(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT applied_index FROM raft_fence WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    public static void advanceFence(Connection connection, long index, long term) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE raft_fence SET applied_index = ?, applied_term = ? WHERE id = 1 AND applied_index < ?")) {
            update.setLong(1, index);
            update.setLong(2, term);
            update.setLong(3, index);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("raft fence did not advance to " + index);
            }
        }
    }

    /** Balances of the accounts that exist among {@code ids}. */
    public static Map<String, Long> balances(Connection connection, Collection<String> ids) throws SQLException {
        Map<String, Long> balances = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, balance FROM account WHERE id = ANY (?)")) {
            select.setArray(1, textArray(connection, ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return balances;
    }

    /** The transfers recorded under any of these idempotency keys, by key. */
    public static Map<String, Transfer> transfersByKey(Connection connection, Collection<String> keys)
            throws SQLException {
        Map<String, Transfer> byKey = new HashMap<>();
        if (keys.isEmpty()) {
            return byKey;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + TRANSFER_COLUMNS + " FROM transfer WHERE idempotency_key = ANY (?)")) {
            select.setArray(1, textArray(connection, keys));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Transfer transfer = transfer(rows);
                    byKey.put(transfer.idempotencyKey(), transfer);
                }
            }
        }
        return byKey;
    }

    /**
     * The transfers already recorded under any of these ids or idempotency keys, in one round trip: the apply of
     * every raft batch asks both (a command seen twice, a key used before), and round trips are its cost.
     */
    public static List<Transfer> transfersByIdOrKey(Connection connection, Collection<UUID> ids,
            Collection<String> keys) throws SQLException {
        List<Transfer> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + TRANSFER_COLUMNS
                + " FROM transfer WHERE id = ANY (?) OR idempotency_key = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            select.setArray(2, textArray(connection, keys));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(transfer(rows));
                }
            }
        }
        return found;
    }

    public static Optional<Transfer> transferById(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + TRANSFER_COLUMNS + " FROM transfer WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(transfer(rows)) : Optional.empty();
            }
        }
    }

    /**
     * Writes a decided batch: the new balances (each version advanced by the number of transfers that changed it),
     * the transfer rows, and two entries per committed transfer.
     */
    public static void write(Connection connection, List<Transfer> transfers, Map<String, Long> newBalances,
            Map<String, Integer> changes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE account SET balance = ?, version = version + ? WHERE id = ?")) {
            for (var balance : newBalances.entrySet()) {
                update.setLong(1, balance.getValue());
                update.setInt(2, changes.get(balance.getKey()));
                update.setString(3, balance.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transfer (" + TRANSFER_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Transfer t : transfers) {
                insert.setObject(1, t.id());
                insert.setString(2, t.from());
                insert.setString(3, t.to());
                insert.setLong(4, t.amount());
                insert.setString(5, t.status().name());
                insert.setString(6, t.reason() == null ? null : t.reason().name());
                insert.setString(7, t.mode());
                insert.setString(8, t.idempotencyKey());
                insert.setObject(9, OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // nextval per row: each value is the start of a block Hibernate's pooled ids never hand out twice,
        // so these ids cannot collide with entries written by the other modes on the same database.
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO entry"
                + " (id, transfer_id, account_id, amount, created_at) VALUES (nextval('entry_seq'), ?, ?, ?, ?)")) {
            for (Transfer t : transfers) {
                if (t.status() == TransferStatus.COMMITTED) {
                    addEntry(insert, t, t.from(), -t.amount());
                    addEntry(insert, t, t.to(), t.amount());
                }
            }
            insert.executeBatch();
        }
    }

    private static void addEntry(PreparedStatement insert, Transfer t, String account, long amount)
            throws SQLException {
        insert.setObject(1, t.id());
        insert.setString(2, account);
        insert.setLong(3, amount);
        insert.setObject(4, OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC));
        insert.addBatch();
    }

    private static Transfer transfer(ResultSet row) throws SQLException {
        String reason = row.getString(6);
        return new Transfer(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
                TransferStatus.valueOf(row.getString(5)), reason == null ? null : RejectionReason.valueOf(reason),
                row.getString(7), row.getString(8), row.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
