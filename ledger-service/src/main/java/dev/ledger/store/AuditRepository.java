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

    @Inject
    EntityManager em;

    /**
     * One REPEATABLE READ snapshot for all five checks: transfers committing meanwhile cannot make a clean ledger
     * look inconsistent (e.g. a debit seen without its credit).
     */
    @Transactional
    public AuditReport audit() {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();

        Object[] totals = row("SELECT count(*), coalesce(sum(opening_balance), 0), coalesce(sum(balance), 0),"
                + " count(*) FILTER (WHERE balance < 0) FROM account");
        long accounts = number(totals[0]);
        var money = new AuditReport.MoneyConserved(
                big(totals[1]).equals(big(totals[2])), big(totals[1]), big(totals[2]));
        var noNegative = new AuditReport.NoNegative(number(totals[3]) == 0, number(totals[3]));

        long entries = number(em.createNativeQuery("SELECT count(*) FROM entry").getSingleResult());
        long mismatched = number(em.createNativeQuery("SELECT count(*) FROM account a"
                + " LEFT JOIN (SELECT account_id, sum(amount) AS total FROM entry GROUP BY account_id) e"
                + " ON e.account_id = a.id WHERE a.balance <> a.opening_balance + coalesce(e.total, 0)")
                .getSingleResult());
        var entriesMatch = new AuditReport.EntriesMatch(mismatched == 0, entries, mismatched);

        Object[] transfers = row("SELECT count(*) FILTER (WHERE t.status = 'COMMITTED'),"
                + " count(*) FILTER (WHERE t.status = 'REJECTED'),"
                + " count(*) FILTER (WHERE (t.status = 'COMMITTED' AND (coalesce(e.n, 0) <> 2 OR e.total <> 0))"
                + "                     OR (t.status = 'REJECTED' AND coalesce(e.n, 0) <> 0))"
                + " FROM transfer t LEFT JOIN (SELECT transfer_id, count(*) AS n, sum(amount) AS total"
                + " FROM entry GROUP BY transfer_id) e ON e.transfer_id = t.id");
        var balanced = new AuditReport.TransfersBalanced(number(transfers[2]) == 0,
                number(transfers[0]), number(transfers[1]), number(transfers[2]));

        Object[] keys = row("SELECT count(idempotency_key), count(DISTINCT idempotency_key) FROM transfer");
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
