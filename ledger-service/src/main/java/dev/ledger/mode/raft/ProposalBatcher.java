package dev.ledger.mode.raft;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Group commit on the leader: many transfers per raft log entry, so that one log append, one sync and one replication
 * message serve them all (as jraft's batch commands, rqlite's queued writes and TigerBeetle's batches do). A transfer
 * is queued; while fewer than {@code entriesInFlight} entries are proposed and not yet applied, whoever finds the
 * queue non-empty takes up to {@code maxTransfers} transfers or {@code maxBytes} from it and proposes them as one
 * entry. So an idle leader proposes a transfer at once, and a busy one lets transfers gather while its entries
 * commit: the batch grows with the load, and no timer adds latency. Each transfer keeps its own answer.
 */
final class ProposalBatcher {

    /** A queued transfer: its entry bytes, and where its answer goes. */
    private record Queued(ByteBuffer encoded, CompletableFuture<TransferResult> answer) {
    }

    private final Queue<Queued> queue = new ConcurrentLinkedQueue<>();
    /** Held only while taking a batch off the queue: the proposal itself happens outside it. */
    private final ReentrantLock taking = new ReentrantLock();
    private final AtomicInteger entriesProposed = new AtomicInteger();
    private final int maxTransfers;
    private final int maxBytes;
    private final int entriesInFlight;
    private final BiConsumer<ByteBuffer, TransferClosure> propose;
    private final IntConsumer entrySizes;

    /**
     * @param propose appends one entry with its closure to the raft log (JRaft's apply, in the leader's term)
     * @param entrySizes told the transfers of each entry proposed
     */
    ProposalBatcher(int maxTransfers, int maxBytes, int entriesInFlight,
            BiConsumer<ByteBuffer, TransferClosure> propose, IntConsumer entrySizes) {
        this.maxTransfers = maxTransfers;
        this.maxBytes = maxBytes;
        this.entriesInFlight = entriesInFlight;
        this.propose = propose;
        this.entrySizes = entrySizes;
    }

    /** Queues the transfer; its answer completes once its entry is applied, or fails (OutcomeUnknown). */
    CompletableFuture<TransferResult> propose(TransferCommand command) {
        Queued queued = new Queued(TransferCodec.encode(command), new CompletableFuture<>());
        queue.add(queued);
        drain();
        return queued.answer();
    }

    /**
     * Proposes what is queued while entries may be. A thread that finds another taking leaves it the work: that one
     * looks at the queue and the count again once it has let go, so nothing queued before is left behind.
     */
    private void drain() {
        while (!queue.isEmpty() && entriesProposed.get() < entriesInFlight) {
            if (!taking.tryLock()) {
                return;
            }
            List<Queued> batch;
            try {
                if (entriesProposed.get() >= entriesInFlight) {
                    continue;
                }
                batch = take();
                if (batch.isEmpty()) {
                    continue;
                }
                entriesProposed.incrementAndGet();
            } finally {
                taking.unlock();
            }
            proposeEntry(batch);
        }
    }

    private List<Queued> take() {
        List<Queued> batch = new ArrayList<>();
        int bytes = 0;
        for (Queued next = queue.peek(); next != null && batch.size() < maxTransfers; next = queue.peek()) {
            int size = TransferCodec.batchedSize(next.encoded());
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            batch.add(queue.poll());
            bytes += size;
        }
        return batch;
    }

    private void proposeEntry(List<Queued> batch) {
        List<CompletableFuture<TransferResult>> answers = batch.stream().map(Queued::answer).toList();
        TransferClosure closure = new TransferClosure(answers);
        // Once the entry is answered (applied, or failed), the next may go, with what gathered meanwhile.
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((done, failed) -> {
            entriesProposed.decrementAndGet();
            drain();
        });
        entrySizes.accept(batch.size());
        propose.accept(TransferCodec.encodeBatch(batch.stream().map(Queued::encoded).toList()), closure);
    }
}
