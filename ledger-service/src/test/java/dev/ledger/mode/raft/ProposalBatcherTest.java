package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProposalBatcherTest {

    /** The entries "appended", with their closures, in order. */
    private final List<ByteBuffer> entries = new ArrayList<>();
    private final List<TransferClosure> closures = new ArrayList<>();
    private final List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());

    private ProposalBatcher batcher(int maxTransfers, int maxBytes, int inFlight) {
        return new ProposalBatcher(maxTransfers, maxBytes, inFlight, (entry, closure) -> {
            synchronized (entries) {
                entries.add(entry);
                closures.add(closure);
            }
        }, sizes::add);
    }

    @Test
    void anIdleLeaderProposesAtOnceAndABusyOneGathersWhatArrivesMeanwhile() {
        ProposalBatcher batcher = batcher(256, 65_536, 1);
        CompletableFuture<TransferResult> first = batcher.propose(command());
        assertEquals(1, entries.size(), "proposed at once");
        List<CompletableFuture<TransferResult>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(batcher.propose(command()));
        }
        assertEquals(1, entries.size(), "the next entry waits for the one in flight");

        applied(0);
        assertTrue(first.isDone());
        assertEquals(2, entries.size());
        assertEquals(5, TransferCodec.decodeAll(entries.get(1)).size(), "all that gathered, in one entry");
        applied(1);
        waiting.forEach(answer -> assertTrue(answer.isDone()));
        assertEquals(List.of(1, 5), sizes);
    }

    @Test
    void anEntryIsBoundedByTransfersAndBytes() {
        ProposalBatcher byCount = batcher(2, 65_536, 1);
        for (int i = 0; i < 6; i++) {
            byCount.propose(command());
        }
        applied(0);
        applied(1);
        assertEquals(List.of(1, 2, 2), sizes);

        entries.clear();
        closures.clear();
        sizes.clear();
        int oneTransfer = TransferCodec.batchedSize(TransferCodec.encode(command()));
        ProposalBatcher byBytes = batcher(256, 3 * oneTransfer, 1);
        for (int i = 0; i < 8; i++) {
            byBytes.propose(command());
        }
        applied(0);
        applied(1);
        assertEquals(List.of(1, 3, 3), sizes);
    }

    /** An entry that is not committed here fails each of its transfers, and the next entry goes. */
    @Test
    void aFailedEntryAnswersEachTransferWithAnOpenOutcome() {
        ProposalBatcher batcher = batcher(256, 65_536, 1);
        batcher.propose(command());
        CompletableFuture<TransferResult> second = batcher.propose(command());
        CompletableFuture<TransferResult> third = batcher.propose(command());
        closures.get(0).run(new Status(RaftError.EPERM, "not leader"));
        assertEquals(2, entries.size());
        closures.get(1).run(new Status(RaftError.EPERM, "not leader"));
        for (CompletableFuture<TransferResult> answer : List.of(second, third)) {
            CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    answer::join);
            assertInstanceOf(OutcomeUnknown.class, failed.getCause());
        }
    }

    /** Many threads proposing at once: every transfer goes in exactly one entry, none is left queued. */
    @Test
    void concurrentProposalsAreEachProposedOnce() throws Exception {
        ProposalBatcher batcher = batcher(16, 65_536, 2);
        int threads = 4;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<List<CompletableFuture<TransferResult>>>> proposers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            proposers.add(pool.submit(() -> {
                go.await();
                List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    answers.add(batcher.propose(command()));
                }
                return answers;
            }));
        }
        // The "state machine": applies every entry proposed, in order, until every transfer is answered.
        pool.submit(() -> {
            int applied = 0;
            int answered = 0;
            while (answered < threads * each) {
                TransferClosure next = null;
                synchronized (entries) {
                    if (applied < closures.size()) {
                        next = closures.get(applied++);
                    }
                }
                if (next == null) {
                    Thread.onSpinWait();
                    continue;
                }
                for (int i = 0; i < next.transfers(); i++) {
                    next.answer(i).complete(new TransferResult.InvalidCommand("test"));
                }
                answered += next.transfers();
            }
            return null;
        });
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "every transfer answered");
        for (var proposer : proposers) {
            proposer.get().forEach(answer -> assertTrue(answer.isDone()));
        }
        assertEquals(threads * each, sizes.stream().mapToInt(Integer::intValue).sum());
        assertEquals(threads * each, entries.stream().mapToInt(e -> TransferCodec.decodeAll(e).size()).sum());
    }

    private void applied(int entry) {
        TransferClosure closure = closures.get(entry);
        for (int i = 0; i < closure.transfers(); i++) {
            closure.answer(i).complete(new TransferResult.InvalidCommand("test"));
        }
    }

    private static TransferCommand command() {
        return new TransferCommand(UUID.randomUUID(), "a", "b", 1, "k-" + UUID.randomUUID(), Instant.EPOCH);
    }
}
