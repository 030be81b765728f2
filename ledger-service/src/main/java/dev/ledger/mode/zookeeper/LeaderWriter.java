package dev.ledger.mode.zookeeper;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.batch.BatchFailures;
import dev.ledger.store.DatabaseFailures;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The zookeeper leader's one writer: transfers wait in a bounded queue, and one thread takes them in batches and
 * writes each batch in one transaction fenced by the leadership's token ({@link TokenBatchWriter}). One writer per
 * leader means no row locks and no conflicts between its transactions; the token means no transaction of a deposed
 * leadership commits once a later one has claimed the fence.
 *
 * <p>A transfer is taken under the token of the leadership it arrived in, and written only under that token: one
 * still queued when that leadership ends is answered 503 unavailable (nothing was done), never carried over to the
 * next. A batch the fence refuses ({@link Deposed}) is rolled back and all of it answered unavailable; then this
 * writer stops and {@code onDeposed} is told, so that the node rejoins the election.
 */
final class LeaderWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderWriter.class);
    private static final long NOT_LEADING = 0;
    /** How often an idle writer looks up from its queue, so that it notices being closed. */
    private static final long IDLE_POLL_MS = 100;

    /** A transfer taken under {@code token}, and where its answer goes. */
    private record Pending(TransferCommand command, long token, CompletableFuture<TransferResult> answer) {
    }

    private final TokenBatchWriter batches;
    private final int batchMax;
    private final Runnable onDeposed;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final AtomicLong token = new AtomicLong(NOT_LEADING);
    /** Transfers taken under a leadership that ended before they were written, and so refused unwritten. */
    private final LongAdder refusedUnwritten = new LongAdder();
    /** When the batch being written started, or 0 while none is. */
    private volatile long batchStartedNanos;
    /** When the first of the batches that failed since the last one written failed, or 0. */
    private volatile long failingSinceNanos;
    private volatile boolean closed;

    /**
     * @param queueMax transfers taken but not yet written ({@code max-in-flight})
     * @param batchMax most transfers in one transaction ({@code apply-batch-max})
     * @param onDeposed told when the fence refused a batch, after this writer stopped leading
     */
    LeaderWriter(TokenBatchWriter batches, int queueMax, int batchMax, Runnable onDeposed) {
        this.batches = batches;
        this.batchMax = batchMax;
        this.onDeposed = onDeposed;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.thread = new Thread(this::run, "zookeeper-leader-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes transfers under {@code claimed}, a token this node's leadership has claimed in the fence. */
    void lead(long claimed) {
        failingSinceNanos = 0;
        token.set(claimed);
    }

    /** The leadership of {@code ended} is over: take nothing more under it, and refuse what waits. */
    void stopLeading(long ended) {
        // Only that leadership's end: a later one may have begun already (its claim is what deposed this one)
        if (!token.compareAndSet(ended, NOT_LEADING)) {
            return;
        }
        List<Pending> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        // A leadership that began since took these under its own token: they stay queued.
        refuseStale(waiting, token.get()).forEach(queue::offer);
    }

    /** Whether this node leads with a claimed token and takes transfers. */
    boolean leading() {
        return token.get() != NOT_LEADING;
    }

    /** The claimed token this writer writes under, or 0 while it does not lead. */
    long token() {
        return token.get();
    }

    /**
     * How many transfers this writer took under a leadership that then ended before they were written (ZooKeeper
     * said so, or the fence refused their batch): each was answered 503 unavailable, nothing done.
     */
    long refusedUnwritten() {
        return refusedUnwritten.sum();
    }

    /**
     * How long writing has been stuck: on the batch being written, or failing since an earlier batch failed; 0 while
     * writes get through.
     */
    long stalledForMs() {
        long now = System.nanoTime();
        long started = batchStartedNanos;
        long failing = failingSinceNanos;
        long since = started == 0 ? failing : failing == 0 ? started : Math.min(started, failing);
        return since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - since);
    }

    /**
     * Queues {@code command} under the current token; a full queue refuses it at once (this runs on the event loop,
     * which must not wait).
     *
     * @throws Unavailable if this node does not lead, or the queue is full
     */
    CompletableFuture<TransferResult> submit(TransferCommand command) {
        long current = token.get();
        if (current == NOT_LEADING) {
            throw new Unavailable("this node does not lead (it lost its leadership, or has not claimed it yet);"
                    + " nothing was done, retry");
        }
        Pending pending = new Pending(command, current, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new Unavailable("too many transfers in flight on the zookeeper leader; nothing was done,"
                    + " retry shortly");
        }
        return pending.answer();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        token.set(NOT_LEADING);
        List<Pending> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        refuseStale(waiting, NOT_LEADING);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchMax);
        while (!closed) {
            try {
                Pending first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                long current = token.get();
                List<Pending> fresh = refuseStale(batch, current);
                if (!fresh.isEmpty()) {
                    write(fresh, current);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException bug) {
                // Answered in write(); a failure here is in this loop itself, and must not end the only writer.
                LOG.error("the zookeeper leader's writer failed", bug);
            } finally {
                batch.clear();
            }
        }
    }

    /** Answers the transfers taken under another token than {@code current} unavailable; returns the others. */
    private List<Pending> refuseStale(List<Pending> taken, long current) {
        List<Pending> fresh = new ArrayList<>(taken.size());
        for (Pending pending : taken) {
            if (current != NOT_LEADING && pending.token() == current) {
                fresh.add(pending);
            } else {
                refusedUnwritten.increment();
                pending.answer().completeExceptionally(new Unavailable("the leadership that took this transfer"
                        + " ended before it was written; nothing was done, retry"));
            }
        }
        return fresh;
    }

    /** Writes {@code batch} under {@code current} and answers each of its transfers. */
    private void write(List<Pending> batch, long current) {
        batchStartedNanos = System.nanoTime();
        try {
            List<TransferResult> results = batches.write(batch.stream().map(Pending::command).toList(), current);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(results.get(i));
            }
            failingSinceNanos = 0;
        } catch (Deposed deposed) {
            deposed(batch, deposed);
        } catch (SQLException | RuntimeException failure) {
            if (failure instanceof OutcomeUnknown || !BatchFailures.isCommandsFault(failure)) {
                failed(batch, failure, current);
            } else if (batch.size() == 1) {
                refuse(batch.get(0), failure, current);
            } else {
                // One bad command must not stop the others: each on its own, and only the bad one is refused.
                LOG.warnf("a batch of %d transfers failed to write together (%s): writing them one by one",
                        batch.size(), failure.toString());
                for (Pending pending : batch) {
                    // a command written alone may depose this leadership: the rest are then refused
                    List<Pending> stillOurs = refuseStale(List.of(pending), token.get());
                    if (!stillOurs.isEmpty()) {
                        write(stillOurs, current);
                    }
                }
            }
        } finally {
            batchStartedNanos = 0;
        }
    }

    private void refuse(Pending pending, Exception failure, long current) {
        LOG.errorf(failure, "transfer %s cannot be written: recorded as refused", pending.command().id());
        try {
            pending.answer().complete(batches.refuse(pending.command(), failure, current));
        } catch (Deposed deposed) {
            deposed(List.of(pending), deposed);
        } catch (SQLException | RuntimeException refusalFailed) {
            failed(List.of(pending), refusalFailed, current);
        }
    }

    private void deposed(List<Pending> batch, Deposed deposed) {
        LOG.warnf("%s: %d transfers refused, nothing written; this node stops leading", deposed.getMessage(),
                batch.size());
        stopLeading(deposed.token());
        refusedUnwritten.add(batch.size());
        Unavailable refused = new Unavailable("this node no longer leads (a later leader claimed the database);"
                + " nothing was done, retry");
        batch.forEach(pending -> pending.answer().completeExceptionally(refused));
        onDeposed.run();
    }

    /** A failure that no retry of the same batch was tried for: the database's, or a bug. */
    private void failed(List<Pending> batch, Exception failure, long batchToken) {
        if (failingSinceNanos == 0) {
            failingSinceNanos = System.nanoTime();
        }
        LOG.warnf("a batch of %d transfers under token %d failed: %s", batch.size(), batchToken, failure.toString());
        RuntimeException answer = failure instanceof OutcomeUnknown unknown ? unknown
                : DatabaseFailures.asClientFailure(failure)
                        .orElseGet(() -> new IllegalStateException("writing a batch of transfers failed", failure));
        batch.forEach(pending -> pending.answer().completeExceptionally(answer));
    }
}
