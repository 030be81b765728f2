package dev.ledger.store;

import java.math.BigInteger;

/**
 * The five ledger invariants, each with the figures it was judged on, all read from one database snapshot.
 */
public record AuditReport(
        boolean ok,
        long accounts,
        MoneyConserved moneyConserved,
        NoNegative noNegative,
        EntriesMatch entriesMatch,
        TransfersBalanced transfersBalanced,
        KeysOnce keysOnce) {

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
}
