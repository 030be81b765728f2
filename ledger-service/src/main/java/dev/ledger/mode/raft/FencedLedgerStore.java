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
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plain JDBC for raft's batched apply: a whole batch of transfers becomes a handful of statements (the fence, one
 * read of the balances, one of earlier transfers and refusals, batched writes) in one transaction that also
 * advances the raft fence. The caller owns
 * the connection and the transaction.
 */
public final class FencedLedgerStore {

    private static final String TRANSFER_COLUMNS =
            "id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at";

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
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT applied_index, group_id FROM raft_fence WHERE id = 1" + lock);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("raft_fence row missing: the schema was not migrated");
            }
            return new Fence(row.getLong(1), row.getObject(2, UUID.class));
        }
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

    /** An entry decided without a transfer row (ACCOUNT_NOT_FOUND or INVALID_COMMAND), by its transfer id. */
    public record Refusal(UUID transferId, TransferOutcome outcome, String detail) {
    }

    /** What earlier entries left: transfers by id and by idempotency key, and refusals by transfer id. */
    public record Earlier(Map<UUID, Transfer> byId, Map<String, Transfer> byKey, Map<UUID, Refusal> refusals) {
    }

    /**
     * The transfers already recorded under any of these ids or idempotency keys, and the refusals of these ids, in
     * one round trip: the apply of every raft batch asks all three (a command seen twice, a key used before, an
     * entry another node applied first), and round trips are its cost.
     */
    public static Earlier earlier(Connection connection, Collection<UUID> ids, Collection<String> keys)
            throws SQLException {
        Earlier earlier = new Earlier(new HashMap<>(), new HashMap<>(), new HashMap<>());
        try (PreparedStatement select = connection.prepareStatement("SELECT " + TRANSFER_COLUMNS + ", NULL::text"
                + " FROM transfer WHERE id = ANY (?) OR idempotency_key = ANY (?)"
                + " UNION ALL SELECT transfer_id, NULL, NULL, NULL, outcome, NULL, NULL, NULL, NULL, detail"
                + " FROM raft_refusal WHERE transfer_id = ANY (?)")) {
            Array idArray = connection.createArrayOf("uuid", ids.toArray());
            select.setArray(1, idArray);
            select.setArray(2, textArray(connection, keys));
            select.setArray(3, idArray);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String detail = rows.getString(10);
                    if (detail != null) {
                        UUID id = rows.getObject(1, UUID.class);
                        earlier.refusals().put(id, new Refusal(id, TransferOutcome.valueOf(rows.getString(5)), detail));
                        continue;
                    }
                    Transfer transfer = transfer(rows);
                    earlier.byId().put(transfer.id(), transfer);
                    if (transfer.idempotencyKey() != null) {
                        earlier.byKey().put(transfer.idempotencyKey(), transfer);
                    }
                }
            }
        }
        return earlier;
    }

    /** Records entries decided without a transfer row, so that each leaves a trace (see {@link #earlier}). */
    public static void recordRefusals(Connection connection, Map<Long, Refusal> byLogIndex) throws SQLException {
        if (byLogIndex.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO raft_refusal (transfer_id, log_index, outcome, detail) VALUES (?, ?, ?, ?)")) {
            for (var refusal : byLogIndex.entrySet()) {
                insert.setObject(1, refusal.getValue().transferId());
                insert.setLong(2, refusal.getKey());
                insert.setString(3, refusal.getValue().outcome().name());
                insert.setString(4, refusal.getValue().detail());
                insert.addBatch();
            }
            insert.executeBatch();
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
                insert.setString(7, t.mode().value());
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
                Mode.fromValue(row.getString(7)), row.getString(8), row.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
