package dev.ledger.strategy;

/**
 * A transfer could not be decided now (no raft leader, too many proposals in flight, no answer in time); the
 * client should retry with the same Idempotency-Key. Answered 503 + Retry-After.
 */
public class Unavailable extends RuntimeException {

    public Unavailable(String reason) {
        super(reason, null, false, false);
    }
}
