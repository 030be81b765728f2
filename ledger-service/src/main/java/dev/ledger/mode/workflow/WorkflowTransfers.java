package dev.ledger.mode.workflow;

import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferStatus;
import dev.ledger.sql.LedgerSql;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The transfers across shards, in the engine's database (table {@code workflow_transfer}), each from its start to its
 * outcome. Every statement joins the transaction of its caller: the request's, which starts the transfer's workflow
 * instance, or the engine's, which ends it.
 */
final class WorkflowTransfers {

    private static final String COLUMNS =
            "id, from_account, to_account, amount, status, reason, idempotency_key, created_at";
    /** As {@link LedgerSql#transfer} reads a transfer row: every one of these is the workflow mode's. */
    private static final String AS_TRANSFER = "id, from_account, to_account, amount, status, reason, '"
            + Mode.WORKFLOW.value() + "' AS mode, idempotency_key, created_at";

    private final DataSource engineDatabase;

    WorkflowTransfers(DataSource engineDatabase) {
        this.engineDatabase = engineDatabase;
    }

    /**
     * Takes the key's lock until the caller's transaction ends, without waiting: false when another request with the
     * key holds it (on any node), as every mode answers it (KEY_IN_FLIGHT).
     */
    boolean tryLockKey(String key) throws SQLException {
        try (Connection connection = engineDatabase.getConnection()) {
            return LedgerSql.tryLockKey(connection, key);
        }
    }

    /** The transfer started under this key, if any. */
    Optional<Transfer> withKey(String key) throws SQLException {
        try (Connection connection = engineDatabase.getConnection()) {
            return find(connection, "idempotency_key = ?", key);
        }
    }

    Optional<Transfer> find(UUID id) throws SQLException {
        try (Connection connection = engineDatabase.getConnection()) {
            return find(connection, "id = ?", id);
        }
    }

    /** Records a transfer PENDING: the caller starts its workflow instance in the same transaction. */
    Transfer insertPending(TransferCommand command) throws SQLException {
        Transfer pending = command.record(TransferStatus.PENDING, null, Mode.WORKFLOW);
        try (Connection connection = engineDatabase.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO workflow_transfer (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")) {
            insert.setObject(1, pending.id());
            insert.setString(2, pending.from());
            insert.setString(3, pending.to());
            insert.setLong(4, pending.amount());
            insert.setString(5, pending.status().name());
            insert.setString(6, pending.idempotencyKey());
            insert.setObject(7, OffsetDateTime.ofInstant(pending.createdAt(), ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return pending;
    }

    /** Sets the outcome of a pending transfer, in the engine's transaction that ends its instance. */
    void finish(UUID id, TransferStatus status, RejectionReason reason) throws SQLException {
        try (Connection connection = engineDatabase.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE workflow_transfer SET status = ?,"
                        + " reason = ?, finished_at = now() WHERE id = ? AND status = 'PENDING'")) {
            update.setString(1, status.name());
            update.setString(2, reason == null ? null : reason.name());
            update.setObject(3, id);
            if (update.executeUpdate() != 1) {
                throw new SQLException("transfer " + id + " is not pending");
            }
        }
    }

    /** How many transfers there are, and how many are unfinished: their amounts, and how many for too long. */
    record Progress(long started, BigInteger startedAmount, long unfinished, BigInteger unfinishedAmount,
            long overdue) {
    }

    Progress progress(Duration overdueAfter) throws SQLException {
        try (Connection connection = engineDatabase.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*), coalesce(sum(amount), 0),"
                        + " count(*) FILTER (WHERE status = 'PENDING'),"
                        + " coalesce(sum(amount) FILTER (WHERE status = 'PENDING'), 0),"
                        + " count(*) FILTER (WHERE status = 'PENDING' AND created_at < now() - ? * interval '1 ms')"
                        + " FROM workflow_transfer")) {
            select.setLong(1, overdueAfter.toMillis());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Progress(row.getLong(1), row.getBigDecimal(2).toBigIntegerExact(), row.getLong(3),
                        row.getBigDecimal(4).toBigIntegerExact(), row.getLong(5));
            }
        }
    }

    /** The newest transfers across shards, newest first. */
    List<Transfer> recent(int limit) throws SQLException {
        List<Transfer> recent = new ArrayList<>();
        try (Connection connection = engineDatabase.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + AS_TRANSFER
                        + " FROM workflow_transfer ORDER BY created_at DESC, id DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    recent.add(LedgerSql.transfer(row));
                }
            }
        }
        return recent;
    }

    private static Optional<Transfer> find(Connection connection, String where, Object value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + AS_TRANSFER + " FROM workflow_transfer WHERE " + where)) {
            select.setObject(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(LedgerSql.transfer(row)) : Optional.empty();
            }
        }
    }
}
