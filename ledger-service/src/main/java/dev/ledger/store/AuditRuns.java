package dev.ledger.store;

import dev.ledger.domain.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the audit one at a time: it scans every table, and the endpoint is open to anyone, so concurrent audits
 * must not take the connections and the CPU that transfers need. A few callers wait their turn; beyond them, 503.
 * No result is shared or cached: each caller gets a snapshot taken after it asked.
 */
@ApplicationScoped
public class AuditRuns {

    static final int MAX_WAITING = 4;
    /** Long enough for the audit ahead of a waiter to finish on a large ledger. */
    private static final long WAIT_SECONDS = 10;

    private final Supplier<AuditReport> audit;
    private final Semaphore running = new Semaphore(1, true);
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    AuditRuns(LedgerRecords records) {
        this(records::audit);
    }

    AuditRuns(Supplier<AuditReport> audit) {
        this.audit = audit;
    }

    /** Callers waiting for their turn now. */
    int waiting() {
        return waiting.get();
    }

    public AuditReport audit() {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            throw new Unavailable("too many audits asked at once; retry shortly");
        }
        try {
            if (!running.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Unavailable("another audit is still running; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the audit ahead");
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return audit.get();
        } finally {
            running.release();
        }
    }
}
