package dev.ledger.store;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The audit's statements over one database, in plain JDBC, so that a mode with several databases (the workflow mode's
 * shards) audits each as the others audit theirs. Three statements, in one REPEATABLE READ snapshot the caller's
 * transaction holds: accounts with the entries by account (one pass over entry; the full join also counts entries of
 * no account), transfers with the entries by transfer (most of the time on a large ledger), and the keys. A clearing
 * account (the workflow mode's) may be negative; it is counted with the others otherwise.
 */
public final class AuditSql {

    /** Below the connections' socket timeout (DatabaseLimits); a ledger of 1,000,000 transfers takes 3.4 s here. */
    static final long STATEMENT_TIMEOUT_MS = 20_000;

    private AuditSql() {
    }

    /** The five invariants over the database of {@code connection}, whose transaction must not have read yet. */
    public static AuditReport audit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_MS);
            long accounts;
            AuditReport.MoneyConserved money;
            AuditReport.NoNegative noNegative;
            AuditReport.EntriesMatch entriesMatch;
            try (ResultSet totals = single(statement, "SELECT count(a.id), coalesce(sum(a.opening_balance), 0),"
                    + " coalesce(sum(a.balance), 0), count(*) FILTER (WHERE a.balance < 0 AND NOT a.clearing),"
                    + " coalesce(sum(e.n), 0),"
                    + " count(*) FILTER (WHERE a.balance <> a.opening_balance + coalesce(e.total, 0))"
                    + " FROM account a FULL JOIN (SELECT account_id, count(*) AS n, sum(amount) AS total FROM entry"
                    + " GROUP BY account_id) e ON e.account_id = a.id")) {
                accounts = totals.getLong(1);
                BigInteger opening = totals.getBigDecimal(2).toBigIntegerExact();
                BigInteger balance = totals.getBigDecimal(3).toBigIntegerExact();
                money = new AuditReport.MoneyConserved(opening.equals(balance), opening, balance);
                noNegative = new AuditReport.NoNegative(totals.getLong(4) == 0, totals.getLong(4));
                entriesMatch = new AuditReport.EntriesMatch(totals.getLong(6) == 0, totals.getLong(5),
                        totals.getLong(6));
            }
            AuditReport.TransfersBalanced balanced;
            try (ResultSet transfers = single(statement, "SELECT count(*) FILTER (WHERE t.status = 'COMMITTED'),"
                    + " count(*) FILTER (WHERE t.status = 'REJECTED'),"
                    + " count(*) FILTER (WHERE (t.status = 'COMMITTED' AND (coalesce(e.n, 0) <> 2 OR e.total <> 0))"
                    + "                     OR (t.status = 'REJECTED' AND coalesce(e.n, 0) <> 0))"
                    + " FROM transfer t LEFT JOIN (SELECT transfer_id, count(*) AS n, sum(amount) AS total"
                    + " FROM entry GROUP BY transfer_id) e ON e.transfer_id = t.id")) {
                balanced = new AuditReport.TransfersBalanced(transfers.getLong(3) == 0, transfers.getLong(1),
                        transfers.getLong(2), transfers.getLong(3));
            }
            // The distinct count reads the unique index on the key instead of sorting the keys.
            AuditReport.KeysOnce keysOnce;
            try (ResultSet keys = single(statement, "SELECT (SELECT count(idempotency_key) FROM transfer),"
                    + " (SELECT count(*) FROM (SELECT DISTINCT idempotency_key FROM transfer"
                    + " WHERE idempotency_key IS NOT NULL) d)")) {
                keysOnce = new AuditReport.KeysOnce(keys.getLong(1) == keys.getLong(2), keys.getLong(1),
                        keys.getLong(2));
            }
            boolean ok = money.ok() && noNegative.ok() && entriesMatch.ok() && balanced.ok() && keysOnce.ok();
            return new AuditReport(ok, accounts, money, noNegative, entriesMatch, balanced, keysOnce);
        }
    }

    private static ResultSet single(Statement statement, String sql) throws SQLException {
        ResultSet row = statement.executeQuery(sql);
        row.next();
        return row;
    }
}
