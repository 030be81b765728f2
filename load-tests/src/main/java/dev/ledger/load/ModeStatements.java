package dev.ledger.load;

import dev.ledger.contract.Mode;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferStatus;
import dev.ledger.sql.LedgerSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each database mode sends PostgreSQL for one keyed transfer that commits, statement by statement and in the
 * same order, over plain JDBC: the JDBC baselines, so that each mode reads as a ratio to the database doing exactly
 * its work. Most statements are the service's own ({@link LedgerSql}); the rest have the shape of what Hibernate
 * sends for the optimistic mode's entities (both rows read by id, then the version-checked updates of balance and
 * version, batched in one round trip).
 */
public enum ModeStatements {

    /** The key's lock and earlier transfer, both rows locked in one statement, one write moving the money. */
    PESSIMISTIC("jdbc-transfer", Mode.PESSIMISTIC) {
        @Override
        void transfer(Connection c, TransferCommand command) throws SQLException {
            claimKey(c, command);
            if (LedgerSql.lockAccounts(c, command.from(), command.to()).size() != 2) {
                throw new SQLException("no accounts " + command.from() + " and " + command.to());
            }
            LedgerSql.record(c, committed(command), true);
        }
    },

    /**
     * The key, both rows read with their versions, the transfer recorded, both rows updated if unchanged; a lost
     * version check rolls back and is tried again, as the mode does.
     */
    OPTIMISTIC("jdbc-optimistic", Mode.OPTIMISTIC) {
        @Override
        void transfer(Connection c, TransferCommand command) throws SQLException {
            claimKey(c, command);
            Map<String, long[]> rows = new HashMap<>();
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT id, balance, version FROM account WHERE id IN (?, ?)")) {
                read.setString(1, command.from());
                read.setString(2, command.to());
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        rows.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
                    }
                }
            }
            LedgerSql.record(c, committed(command), false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE account SET balance = ?, version = ? WHERE id = ? AND version = ?")) {
                addVersionedUpdate(update, command.from(), rows.get(command.from()), -command.amount());
                addVersionedUpdate(update, command.to(), rows.get(command.to()), command.amount());
                for (int updated : update.executeBatch()) {
                    if (updated != 1) {
                        throw new VersionConflict();
                    }
                }
            }
        }
    },

    /** The key, the debit and the credit as conditional updates in the mode's row order, the transfer recorded. */
    IDEMPOTENT("jdbc-idempotent", Mode.IDEMPOTENT) {
        @Override
        void transfer(Connection c, TransferCommand command) throws SQLException {
            claimKey(c, command);
            boolean applied = command.fromGoesFirst()
                    ? LedgerSql.debitIfCovered(c, command.from(), command.amount())
                            && LedgerSql.creditUnlessOverflow(c, command.to(), command.amount())
                    : LedgerSql.creditUnlessOverflow(c, command.to(), command.amount())
                            && LedgerSql.debitIfCovered(c, command.from(), command.amount());
            if (!applied) {
                throw new SQLException("the idempotent baseline's transfer did not apply: " + command);
            }
            LedgerSql.record(c, committed(command), false);
        }
    };

    /** A version check lost to a concurrent transfer: the transaction is rolled back and tried again. */
    static final class VersionConflict extends SQLException {
        VersionConflict() {
            super("a version changed since it was read");
        }
    }

    private final String baselineName;
    private final Mode mode;

    ModeStatements(String baselineName, Mode mode) {
        this.baselineName = baselineName;
        this.mode = mode;
    }

    /** The baseline's name in summary.json: jdbc-transfer is the pessimistic mode's (DESIGN's stable name). */
    public String baselineName() {
        return baselineName;
    }

    public Mode mode() {
        return mode;
    }

    /** The statements of one committed transfer, in the caller's transaction. */
    abstract void transfer(Connection c, TransferCommand command) throws SQLException;

    /** A fresh command between two accounts, with a key of its own, as every comparison transfer has. */
    static TransferCommand command(String from, String to, long amount) {
        return new TransferCommand(UUID.randomUUID(), from, to, amount, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** Every mode first takes the key's lock and looks for an earlier transfer under it. */
    private static void claimKey(Connection c, TransferCommand command) throws SQLException {
        LedgerSql.tryLockKey(c, command.idempotencyKey());
        try (PreparedStatement earlier = c.prepareStatement("SELECT * FROM transfer WHERE idempotency_key = ?")) {
            earlier.setString(1, command.idempotencyKey());
            earlier.executeQuery().close();
        }
    }

    /** Recorded as the mode's own transfer, whose statements these are (a mode is never "jdbc"). */
    Transfer committed(TransferCommand command) {
        return command.record(TransferStatus.COMMITTED, null, mode);
    }

    private static void addVersionedUpdate(PreparedStatement update, String id, long[] balanceAndVersion,
            long signedAmount) throws SQLException {
        update.setLong(1, balanceAndVersion[0] + signedAmount);
        update.setLong(2, balanceAndVersion[1] + 1);
        update.setString(3, id);
        update.setLong(4, balanceAndVersion[1]);
        update.addBatch();
    }

    /** The statements of the given mode, if it is a database mode. */
    public static Optional<ModeStatements> of(Mode mode) {
        return Arrays.stream(values()).filter(s -> s.mode == mode).findFirst();
    }
}
