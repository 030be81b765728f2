package dev.ledger.domain;

/**
 * A transfer may or may not have taken effect: it was handed to the leader (in raft, proposed to the log) but its
 * answer did not come in time, or the database connection was lost during its commit. Only a retry with the same
 * Idempotency-Key tells, which is why every transfer must carry one. Answered 503 {@code outcome-unknown} +
 * Retry-After.
 */
public class OutcomeUnknown extends RuntimeException {

    public OutcomeUnknown(String reason) {
        super(reason, null, false, false);
    }
}
