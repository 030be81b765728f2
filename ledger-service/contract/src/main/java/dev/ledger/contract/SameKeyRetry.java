package dev.ledger.contract;

import java.time.Duration;

/**
 * How a client settles a transfer whose outcome it does not know: it sends the same request, with the same
 * Idempotency-Key, again (to any node) until the answer is an outcome. Not an outcome: 202 (the workflow mode
 * accepted a transfer across its shards, which its workflow will decide: asked again, the answer is the decision once
 * made), 409 (a write conflict, or the key still in flight), 503 (unavailable: nothing was done; outcome-unknown: it
 * may have been), and no answer at all. Both 503s are retried alike: after {@code unavailable} the same key is
 * merely safe, after {@code outcome-unknown} it is the only way to learn what happened. One attempt counter per
 * transfer:
 * {@code for (SameKeyRetry retry = SameKeyRetry.begin(); retry.mayAttempt(); retry.pause()) { ... }}.
 */
public final class SameKeyRetry {

    /** Bounds for one key: a failover takes seconds, and what is still open after these is the caller's to report. */
    public static final int MAX_ATTEMPTS = 100;
    public static final Duration MAX_TIME = Duration.ofSeconds(30);
    /** The pause grows by this much per attempt, up to {@link #PAUSE_MAX_MS}: quick after a conflict, gentle later. */
    private static final long PAUSE_STEP_MS = 5;
    private static final long PAUSE_MAX_MS = 250;
    private static final int ACCEPTED = 202;
    private static final int CONFLICT = 409;
    private static final int UNAVAILABLE = 503;

    private final long deadlineNanos;
    private int attempts;

    private SameKeyRetry(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static SameKeyRetry begin() {
        return new SameKeyRetry(System.nanoTime() + MAX_TIME.toNanos());
    }

    /** Whether the answer with this status (0: none came) leaves the outcome open, so the request is sent again. */
    public static boolean undecided(int status) {
        return status == 0 || status == ACCEPTED || status == CONFLICT || status == UNAVAILABLE;
    }

    /** Counts an attempt if one is still allowed: the first always, the others within both bounds. */
    public boolean mayAttempt() {
        if (attempts > 0 && (attempts >= MAX_ATTEMPTS || System.nanoTime() >= deadlineNanos)) {
            return false;
        }
        attempts++;
        return true;
    }

    /** Waits before the next attempt. */
    public void pause() throws InterruptedException {
        Thread.sleep(pauseMillis());
    }

    /** How long to wait before the next attempt, for a client that schedules it instead of sleeping. */
    public long pauseMillis() {
        return Math.min(PAUSE_MAX_MS, PAUSE_STEP_MS * attempts);
    }

    /** Attempts made so far. */
    public int attempts() {
        return attempts;
    }
}
