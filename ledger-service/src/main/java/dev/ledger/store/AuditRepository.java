package dev.ledger.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Checks the ledger invariants in SQL over the whole database. */
@ApplicationScoped
public class AuditRepository {

    /** Below the connections' socket timeout (DatabaseLimits); a ledger of 1,000,000 transfers takes 3.4 s here. */
    static final long STATEMENT_TIMEOUT_MS = 20_000;

    @Inject
    EntityManager em;

    /**
     * One REPEATABLE READ snapshot for all five checks: transfers committing meanwhile cannot make a clean ledger
     * look inconsistent (e.g. a debit seen without its credit). Bounded by {@link #STATEMENT_TIMEOUT_MS}. Three
     * statements: accounts with the entries by account (one pass over entry; the full join also counts entries of no
     * account), transfers with the entries by transfer (most of the time on a large ledger), and the keys.
     */
    @Transactional
    public AuditReport audit() {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
        em.createNativeQuery("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_MS).executeUpdate();

        Object[] totals = row("SELECT count(a.id), coalesce(sum(a.opening_balance), 0), coalesce(sum(a.balance), 0),"
                + " count(*) FILTER (WHERE a.balance < 0), coalesce(sum(e.n), 0),"
                + " count(*) FILTER (WHERE a.balance <> a.opening_balance + coalesce(e.total, 0))"
                + " FROM account a FULL JOIN (SELECT account_id, count(*) AS n, sum(amount) AS total FROM entry"
                + " GROUP BY account_id) e ON e.account_id = a.id");
        long accounts = number(totals[0]);
        var money = new AuditReport.MoneyConserved(
                big(totals[1]).equals(big(totals[2])), big(totals[1]), big(totals[2]));
        var noNegative = new AuditReport.NoNegative(number(totals[3]) == 0, number(totals[3]));
        long mismatched = number(totals[5]);
        var entriesMatch = new AuditReport.EntriesMatch(mismatched == 0, number(totals[4]), mismatched);

        Object[] transfers = row("SELECT count(*) FILTER (WHERE t.status = 'COMMITTED'),"
                + " count(*) FILTER (WHERE t.status = 'REJECTED'),"
                + " count(*) FILTER (WHERE (t.status = 'COMMITTED' AND (coalesce(e.n, 0) <> 2 OR e.total <> 0))"
                + "                     OR (t.status = 'REJECTED' AND coalesce(e.n, 0) <> 0))"
                + " FROM transfer t LEFT JOIN (SELECT transfer_id, count(*) AS n, sum(amount) AS total"
                + " FROM entry GROUP BY transfer_id) e ON e.transfer_id = t.id");
        var balanced = new AuditReport.TransfersBalanced(number(transfers[2]) == 0,
                number(transfers[0]), number(transfers[1]), number(transfers[2]));

        // The distinct count reads the unique index on the key instead of sorting the keys.
        Object[] keys = row("SELECT (SELECT count(idempotency_key) FROM transfer), (SELECT count(*) FROM"
                + " (SELECT DISTINCT idempotency_key FROM transfer WHERE idempotency_key IS NOT NULL) d)");
        var keysOnce = new AuditReport.KeysOnce(number(keys[0]) == number(keys[1]), number(keys[0]), number(keys[1]));

        boolean ok = money.ok() && noNegative.ok() && entriesMatch.ok() && balanced.ok() && keysOnce.ok();
        return new AuditReport(ok, accounts, money, noNegative, entriesMatch, balanced, keysOnce);
    }

    private Object[] row(String sql) {
        return (Object[]) em.createNativeQuery(sql).getSingleResult();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static BigInteger big(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toBigIntegerExact() : BigInteger.valueOf(number(value));
    }
}
