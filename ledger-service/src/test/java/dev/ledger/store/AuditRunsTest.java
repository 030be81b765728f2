package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.domain.Unavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The audit scans every table and anyone may ask for it: one runs at a time, a few wait, the rest get 503. */
class AuditRunsTest {

    @Test
    void oneAuditRunsAtATimeAndCallersBeyondTheQueueAreRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        AuditRuns runs = new AuditRuns(() -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return null;
        });
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            List<Future<AuditReport>> admitted = new ArrayList<>();
            // one runs, MAX_WAITING wait their turn
            for (int i = 0; i <= AuditRuns.MAX_WAITING; i++) {
                admitted.add(callers.submit(runs::audit));
            }
            // until one runs and the others wait (the waiting count includes none that runs)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((concurrent.get() < 1 || runs.waiting() < AuditRuns.MAX_WAITING) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long refusedAt = System.nanoTime();
            assertThrows(Unavailable.class, runs::audit);
            assertTrue(System.nanoTime() - refusedAt < TimeUnit.SECONDS.toNanos(1), "refused at once, not later");
            release.countDown();
            for (Future<AuditReport> caller : admitted) {
                caller.get(10, TimeUnit.SECONDS);
            }
            assertEquals(1, mostConcurrent.get());
        } finally {
            callers.shutdownNow();
        }
    }
}
