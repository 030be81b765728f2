package dev.ledger.domain;

import java.util.Optional;

/**
 * The one place that decides whether a transfer may be applied. Every strategy calls it with balances it read under
 * its own discipline (locks, versions, raft order); only how they get that access differs.
 */
public final class TransferRules {

    private TransferRules() {
    }

    /** Empty when the transfer may commit; otherwise why it must be rejected, in order of precedence. */
    public static Optional<RejectionReason> check(long fromBalance, long toBalance, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, validated before: " + amount);
        }
        if (fromBalance < amount) {
            return Optional.of(RejectionReason.INSUFFICIENT_FUNDS);
        }
        if (toBalance > Long.MAX_VALUE - amount) {
            return Optional.of(RejectionReason.BALANCE_OVERFLOW);
        }
        return Optional.empty();
    }
}
