package dev.ledger.history;

import dev.ledger.contract.ShardRule;
import dev.ledger.sql.LedgerSql;
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
 * the clients' history against. Entries are in id order per account, which is the order they were applied in (V3
 * migration). In the workflow mode the ledger is over two databases, each account on one: the transfers across them
 * are read from the engine's table, and each of their steps' entries is read as an entry of the transfer it is a part
 * of (see {@code src/docs/workflow.md}).
 */
public record LedgerState(Map<String, Long> openingBalances, Map<String, Long> balances, List<Transfer> transfers,
        List<Entry> entries) {

    /** A recorded transfer and its status: COMMITTED, REJECTED (no entries), COMPENSATED or PENDING (workflow). */
    public record Transfer(String id, String key, String from, String to, long amount, String status) {

        public boolean committed() {
            return "COMMITTED".equals(status);
        }
    }

    public record Entry(long id, String transferId, String account, long amount) {
    }

    /**
     * Reads the accounts, every transfer touching them, and their entries, from the ledger's databases: the one every
     * mode has first (it holds the workflow mode's table of transfers across shards, empty in the other modes), then
     * the workflow mode's second shard.
     */
    public static LedgerState read(List<Connection> databases, Collection<String> accounts) throws SQLException {
        LedgerState state = new LedgerState(new HashMap<>(), new HashMap<>(), new ArrayList<>(), new ArrayList<>());
        for (Connection database : databases) {
            state.readAccounts(database, accounts);
            state.readTransfers(database, "transfer", accounts, " AND (idempotency_key IS NULL"
                    + " OR idempotency_key NOT LIKE '" + ShardRule.STEP_KEY_PREFIX + "%')");
            state.readEntries(database, accounts);
        }
        state.readTransfers(databases.get(0), "workflow_transfer", accounts, "");
        return state;
    }

    private void readAccounts(Connection connection, Collection<String> accounts) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, opening_balance, balance FROM account WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", accounts.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    openingBalances.put(rows.getString(1), rows.getLong(2));
                    balances.put(rows.getString(1), rows.getLong(3));
                }
            }
        }
    }

    /** A client's transfers in {@code table}; {@code steps} leaves out the workflow mode's steps, which are parts. */
    private void readTransfers(Connection connection, String table, Collection<String> accounts, String steps)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id::text, idempotency_key, from_account,"
                + " to_account, amount, status FROM " + table
                + " WHERE (from_account = ANY (?) OR to_account = ANY (?))" + steps)) {
            select.setArray(1, connection.createArrayOf("varchar", accounts.toArray()));
            select.setArray(2, connection.createArrayOf("varchar", accounts.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    transfers.add(new Transfer(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getLong(5), rows.getString(6)));
                }
            }
        }
    }

    /** The entries, each named by the client's transfer it belongs to (a step's, by the transfer it is part of). */
    private void readEntries(Connection connection, Collection<String> accounts) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT e.id, (" + LedgerSql.CLIENT_TRANSFER_ID
                + ")::text, e.account_id, e.amount FROM entry e JOIN transfer t ON t.id = e.transfer_id"
                + " WHERE e.account_id = ANY (?) ORDER BY e.id")) {
            select.setArray(1, connection.createArrayOf("varchar", accounts.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        }
    }
}
