package dev.ledger.history;

/**
 * One thing a client did, from when it was invoked to when its answer arrived ({@link System#nanoTime()}), with
 * the node that was asked. As in Jepsen's histories, an operation ended one of three ways: it took effect, it
 * surely did not, or nobody knows.
 */
public sealed interface Operation {

    long invokedNanos();

    long completedNanos();

    String node();

    /** How an attempt at a transfer ended, as its answer said. */
    enum Outcome {
        /**
         * Decided and recorded, with the transfer's id: 201 committed, a refusal that carries the transfer (422
         * insufficient-funds, rejected; in the workflow mode also 404 account-not-found, compensated).
         */
        OK,
        /**
         * 202 (the workflow mode, a transfer across shards): recorded, with its id, and to be decided exactly once by
         * its workflow; not yet applied, so it orders nothing in real time until a decision is answered.
         */
        ACCEPTED,
        /** Surely nothing done by this attempt: 503 unavailable, 409, another 4xx. */
        FAILED,
        /** No answer, 503 outcome-unknown, another 5xx: it may or may not have taken effect. */
        UNKNOWN
    }

    /**
     * One attempt at the transfer of an Idempotency-Key; a retry with the same key is another attempt. With
     * {@link Outcome#OK} or {@link Outcome#ACCEPTED}, {@code transferId} is the transfer it was answered with and
     * {@code status} the transfer's status in the answer ({@code COMMITTED}, {@code REJECTED}, {@code COMPENSATED};
     * {@code PENDING} when accepted); both null otherwise.
     */
    record TransferAttempt(long invokedNanos, long completedNanos, String node, String key, String from, String to,
            long amount, Outcome outcome, String transferId, String status) implements Operation {
    }

    /** A read of an account's balance that was answered ({@code GET /accounts/{id}}). */
    record BalanceRead(long invokedNanos, long completedNanos, String node, String account, long balance)
            implements Operation {
    }

    /** A node said it led in {@code term} ({@code GET /cluster} answered role LEADER). */
    record LeaderClaim(long invokedNanos, long completedNanos, String node, long term) implements Operation {
    }
}
