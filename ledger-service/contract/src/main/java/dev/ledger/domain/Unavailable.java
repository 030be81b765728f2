package dev.ledger.domain;

/**
 * A transfer was definitely not applied, and nothing of it was stored: no leader, too many proposals in flight,
 * a leader that cannot apply, a lock wait timed out, the database unreachable before commit. The client may retry
 * (with the same Idempotency-Key, or a new one: either is safe). Answered 503 {@code unavailable} + Retry-After.
 * Where the transfer may have taken effect, {@link OutcomeUnknown} is thrown instead.
 */
public class Unavailable extends RuntimeException {

    public Unavailable(String reason) {
        super(reason, null, false, false);
    }
}
