package dev.ledger.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;

/**
 * The five ledger invariants, each with the figures it was judged on, all read from one database snapshot; where the
 * ledger spans several databases (the workflow mode), each holds in each of them, and a sixth says what is in transit
 * between them.
 */
public record AuditReport(
        boolean ok,
        long accounts,
        MoneyConserved moneyConserved,
        NoNegative noNegative,
        EntriesMatch entriesMatch,
        TransfersBalanced transfersBalanced,
        KeysOnce keysOnce,
        @JsonInclude(JsonInclude.Include.NON_NULL) InTransit inTransit) {

    /** The report of one database. */
    public AuditReport(boolean ok, long accounts, MoneyConserved moneyConserved, NoNegative noNegative,
            EntriesMatch entriesMatch, TransfersBalanced transfersBalanced, KeysOnce keysOnce) {
        this(ok, accounts, moneyConserved, noNegative, entriesMatch, transfersBalanced, keysOnce, null);
    }

    /** 1. The sum of balances equals the sum of opening balances. */
    public record MoneyConserved(boolean ok, BigInteger openingTotal, BigInteger balanceTotal) {
    }

    /** 2. No balance is negative. */
    public record NoNegative(boolean ok, long negativeAccounts) {
    }

    /** 3. Every balance equals its opening balance plus the sum of its entries. */
    public record EntriesMatch(boolean ok, long entries, long mismatchedAccounts) {
    }

    /** 4. Every committed transfer has exactly two entries summing to zero; a rejected one has none. */
    public record TransfersBalanced(boolean ok, long committed, long rejected, long unbalanced) {
    }

    /** 5. Each idempotency key was applied at most once. */
    public record KeysOnce(boolean ok, long keyedTransfers, long distinctKeys) {
    }

    /**
     * 6. (Several databases.) The clearing accounts hold what the unfinished transfers between the databases have
     * debited and not yet credited or refunded: nothing at all when none is unfinished ({@code quiet}: none was, nor
     * started, while the audit read), never more than the unfinished ones' amounts; and none has been unfinished for
     * longer than the bound ({@code overdue}).
     */
    public record InTransit(boolean ok, BigInteger clearingTotal, long unfinished, BigInteger unfinishedAmount,
            boolean quiet, long overdue) {
    }
}
