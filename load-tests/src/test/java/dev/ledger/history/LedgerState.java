package dev.ledger.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger as the database holds it after a run, for the accounts of that run: what {@link HistoryChecker} checks
 * the clients' history against. Entries are in id order, which is the order they were applied in (V3 migration).
 */
public record LedgerState(Map<String, Long> openingBalances, Map<String, Long> balances, List<Transfer> transfers,
        List<Entry> entries) {

    /** A recorded transfer; {@code committed} false means rejected (no entries). */
    public record Transfer(String id, String key, String from, String to, long amount, boolean committed) {
    }

    public record Entry(long id, String transferId, String account, long amount) {
    }

    /** Reads the accounts, every transfer touching them, and their entries. */
    public static LedgerState read(Connection connection, Collection<String> accounts) throws SQLException {
        String[] ids = accounts.toArray(String[]::new);
        Map<String, Long> opening = new HashMap<>();
        Map<String, Long> balances = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, opening_balance, balance FROM account WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    opening.put(rows.getString(1), rows.getLong(2));
                    balances.put(rows.getString(1), rows.getLong(3));
                }
            }
        }
        List<Transfer> transfers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id::text, idempotency_key,"
                + " from_account, to_account, amount, status = 'COMMITTED' FROM transfer"
                + " WHERE from_account = ANY (?) OR to_account = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids));
            select.setArray(2, connection.createArrayOf("varchar", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    transfers.add(new Transfer(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getLong(5), rows.getBoolean(6)));
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, transfer_id::text, account_id, amount"
                + " FROM entry WHERE account_id = ANY (?) ORDER BY id")) {
            select.setArray(1, connection.createArrayOf("varchar", ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        }
        return new LedgerState(opening, balances, transfers, entries);
    }
}
