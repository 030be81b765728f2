package dev.ledger.sql;

import dev.ledger.contract.Mode;
import dev.ledger.contract.ShardRule;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements of the database modes' hot path, in plain JDBC, each one round trip: the service sends them, and
 * the comparison's JDBC baseline sends the very same, so a mode reads as a ratio to the database doing exactly its
 * work. Plain Java on purpose: the launcher calls these without any of the service's dependencies.
 */
public final class LedgerSql {

    private static final String TRY_LOCK_KEY = "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))";
    /** Both rows at once, locked in ascending id order (the lock rows step runs above the sort): no deadlock. */
    private static final String LOCK_ACCOUNTS =
            "SELECT id, balance FROM account WHERE id IN (?, ?) ORDER BY id FOR NO KEY UPDATE";
    private static final String DEBIT_IF_COVERED =
            "UPDATE account SET balance = balance - ?, version = version + 1 WHERE id = ? AND balance >= ?";
    private static final String CREDIT_UNLESS_OVERFLOW =
            "UPDATE account SET balance = balance + ?, version = version + 1 WHERE id = ? AND balance <= ?";
    /**
     * The transfer, its two entries when it committed and, when asked, the move of the money over rows this
     * transaction holds locked: one statement. Entry ids are drawn in the statement while the rows are held, so per
     * account they follow commit order (V3 migration); the entries' foreign key to the transfer is checked at the
     * statement's end, when the transfer row exists.
     */
    private static final String RECORD = "WITH moved AS (UPDATE account SET balance = balance"
            + " + CASE WHEN id = ? THEN -?::bigint ELSE ?::bigint END, version = version + 1"
            + " WHERE id IN (?, ?) AND ?),"
            + " recorded AS (INSERT INTO transfer (id, from_account, to_account, amount, status, reason, mode,"
            + " idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, created_at)"
            + " INSERT INTO entry (id, transfer_id, account_id, amount, created_at)"
            + " SELECT nextval('entry_seq'), recorded.id, e.account_id, e.amount, recorded.created_at"
            + " FROM recorded, (VALUES (?, ?::bigint), (?, ?::bigint)) AS e (account_id, amount) WHERE ?";

    /**
     * Of a {@code transfer} row as {@code t}: the client's transfer it is, or is a step of (the workflow mode records
     * each step of a transfer across shards as a transfer of its own, keyed {@link ShardRule#stepKey}).
     */
    public static final String CLIENT_TRANSFER_ID = "CASE WHEN t.idempotency_key LIKE '" + ShardRule.STEP_KEY_PREFIX
            + "%' THEN split_part(t.idempotency_key, ':', 2)::uuid ELSE t.id END";

    /** A transfer row's columns, in the order {@link #transfer(ResultSet)} reads them. */
    public static final String TRANSFER_COLUMNS =
            "id, from_account, to_account, amount, status, reason, mode, idempotency_key, created_at";
    private static final String TRANSFER_WITH_KEY =
            "SELECT " + TRANSFER_COLUMNS + " FROM transfer WHERE idempotency_key = ?";
    private static final String TRANSFER_WITH_ID = "SELECT " + TRANSFER_COLUMNS + " FROM transfer WHERE id = ?";
    private static final String ACCOUNT_EXISTS = "SELECT 1 FROM account WHERE id = ?";
    private static final String OPEN_ACCOUNT = "INSERT INTO account (id, balance, opening_balance, version, created_at)"
            + " VALUES (?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING";
    private static final String MOVE_CLEARING =
            "UPDATE account SET balance = balance + ?, version = version + 1 WHERE id = ? AND clearing";

    private LedgerSql() {
    }

    /**
     * Takes the transaction-scoped advisory lock of an idempotency key without waiting; false when another
     * transaction (on any node: the lock lives in PostgreSQL) holds it, i.e. a request with this key is in flight.
     */
    public static boolean tryLockKey(Connection connection, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK_KEY)) {
            lock.setString(1, key);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** The balances of those of the two accounts that exist, each row locked until the transaction ends. */
    public static Map<String, Long> lockAccounts(Connection connection, String first, String second)
            throws SQLException {
        Map<String, Long> balances = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ACCOUNTS)) {
            lock.setString(1, first);
            lock.setString(2, second);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return balances;
    }

    /** Atomic debit: applied only if the balance covers it; false when not (or no such account). */
    public static boolean debitIfCovered(Connection connection, String id, long amount) throws SQLException {
        return update(connection, DEBIT_IF_COVERED, id, amount, amount);
    }

    /** Atomic credit: applied only if the balance cannot overflow; false when it would (or no such account). */
    public static boolean creditUnlessOverflow(Connection connection, String id, long amount) throws SQLException {
        return update(connection, CREDIT_UNLESS_OVERFLOW, id, amount, Long.MAX_VALUE - amount);
    }

    private static boolean update(Connection connection, String sql, String id, long amount, long bound)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, amount);
            update.setString(2, id);
            update.setLong(3, bound);
            return update.executeUpdate() == 1;
        }
    }

    /** The transfer recorded under an idempotency key, if any. */
    public static Optional<Transfer> transferWithKey(Connection connection, String key) throws SQLException {
        return oneTransfer(connection, TRANSFER_WITH_KEY, key);
    }

    public static Optional<Transfer> transferWithId(Connection connection, UUID id) throws SQLException {
        return oneTransfer(connection, TRANSFER_WITH_ID, id);
    }

    /** The transfer in the row's {@link #TRANSFER_COLUMNS}. */
    public static Transfer transfer(ResultSet row) throws SQLException {
        String reason = row.getString(6);
        return new Transfer(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
                TransferStatus.valueOf(row.getString(5)), reason == null ? null : RejectionReason.valueOf(reason),
                Mode.fromValue(row.getString(7)), row.getString(8), row.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static Optional<Transfer> oneTransfer(Connection connection, String sql, Object value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(transfer(row)) : Optional.empty();
            }
        }
    }

    /** Opens the account unless one with this id exists; true when opened. */
    public static boolean openAccount(Connection connection, String id, long openingBalance, Instant openedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OPEN_ACCOUNT)) {
            insert.setString(1, id);
            insert.setLong(2, openingBalance);
            insert.setLong(3, openingBalance);
            insert.setObject(4, OffsetDateTime.ofInstant(openedAt, ZoneOffset.UTC));
            return insert.executeUpdate() == 1;
        }
    }

    public static boolean accountExists(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ACCOUNT_EXISTS)) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Adds {@code signedAmount} to a clearing account (the only kind that may go below zero), whose row the caller's
     * transaction then holds until it ends.
     */
    public static void moveClearing(Connection connection, String clearingId, long signedAmount) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MOVE_CLEARING)) {
            update.setLong(1, signedAmount);
            update.setString(2, clearingId);
            if (update.executeUpdate() != 1) {
                throw new SQLException("no clearing account " + clearingId);
            }
        }
    }

    /**
     * Records a decided transfer (and its entries if it committed); with {@code moveMoney}, also moves the amount
     * between the two accounts, which the caller must hold locked and must have checked (TransferRules).
     */
    public static void record(Connection connection, Transfer transfer, boolean moveMoney) throws SQLException {
        boolean committed = transfer.status() == TransferStatus.COMMITTED;
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            int i = 1;
            record.setString(i++, transfer.from());
            record.setLong(i++, transfer.amount());
            record.setLong(i++, transfer.amount());
            record.setString(i++, transfer.from());
            record.setString(i++, transfer.to());
            record.setBoolean(i++, committed && moveMoney);
            record.setObject(i++, transfer.id());
            record.setString(i++, transfer.from());
            record.setString(i++, transfer.to());
            record.setLong(i++, transfer.amount());
            record.setString(i++, transfer.status().name());
            if (transfer.reason() == null) {
                record.setNull(i++, Types.VARCHAR);
            } else {
                record.setString(i++, transfer.reason().name());
            }
            record.setString(i++, transfer.mode().value());
            record.setString(i++, transfer.idempotencyKey());
            record.setObject(i++, OffsetDateTime.ofInstant(transfer.createdAt(), ZoneOffset.UTC));
            record.setString(i++, transfer.from());
            record.setLong(i++, -transfer.amount());
            record.setString(i++, transfer.to());
            record.setLong(i++, transfer.amount());
            record.setBoolean(i, committed);
            record.executeUpdate();
        }
    }
}
