package dev.ledger.system;

import dev.ledger.contract.SameKeyRetry;
import dev.ledger.contract.ShardRule;
import dev.ledger.history.History;
import dev.ledger.history.Operation.Outcome;
import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Client threads that each send transfers between random accounts, each with a fresh Idempotency-Key,
 * to random nodes. An answer that is not definite (202 accepted, 503, 409, a timeout, a refused or reset connection)
 * is retried with the same key at a random node ({@link SameKeyRetry}) until it is (201, or a refusal that
 * carries the recorded transfer), or its bounds run out and it is settled after the load. So once the load is
 * over the fate of every key is known and the ledger can be checked against it. A key
 * whose every answer was 503 unavailable ("nothing was done") is given up, as a client may: the ledger
 * must then show nothing of it. Given an account that does not exist, one transfer in
 * {@value #MISSING_ACCOUNT_EVERY} is a credit to it from an account on the other shard (the workflow mode: its
 * workflow compensates it).
 */
final class TransferLoad implements AutoCloseable {

    /**
     * Each client's pause between two transfers. The ITs test what a fault does to a busy cluster, not
     * its maximum: on two cores, clients without think time starve a restarting JVM of CPU (its start
     * took from 15 s to over 60 s).
     */
    private static final long THINK_TIME_MILLIS = 20;
    private static final int MISSING_ACCOUNT_EVERY = 20;
    /** A thread notices the stop within one request timeout. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /** A key with its definite answer. */
    record Settled(TransferRequest request, TransferAnswer answer) {
    }

    /** See {@link #firstCommitSentAfter}. */
    private record CommitWatch(long sinceNanos, CompletableFuture<Long> firstCommit) {
    }

    private final LedgerClient client;
    private final History history;
    private final List<String> nodeUrls;
    private final List<String> accounts;
    private final long maxAmount;
    /** An account that does not exist, and the accounts on the other shard that send to it; null and empty: none. */
    private final String missingAccount;
    private final List<String> payersOfMissing;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private final Map<String, Settled> settled = new ConcurrentHashMap<>();
    /** Keys given up because every answer said nothing was done: none may show in the ledger. */
    private final Queue<TransferRequest> notApplied = new ConcurrentLinkedQueue<>();
    /** Keys given up on undecided (the load stopped, or their bounds ran out): settled after the load. */
    private final Queue<TransferRequest> open = new ConcurrentLinkedQueue<>();
    /** Answers that are neither definite nor "retry" (400, 404, 500, another 422): each one is a finding. */
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final List<CommitWatch> watches = new CopyOnWriteArrayList<>();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final LongAdder committed = new LongAdder();
    /** When each 201 arrived ({@link System#nanoTime()}), for {@link #longestCommitGap}. */
    private final Queue<Long> commitTimes = new ConcurrentLinkedQueue<>();

    private TransferLoad(LedgerClient client, History history, List<String> nodeUrls, List<String> accounts,
            String missingAccount, long maxAmount) {
        this.client = client;
        this.history = history;
        this.nodeUrls = List.copyOf(nodeUrls);
        this.accounts = List.copyOf(accounts);
        this.maxAmount = maxAmount;
        this.missingAccount = missingAccount;
        this.payersOfMissing = missingAccount == null ? List.of()
                : accounts.stream().filter(account -> ShardRule.crossShard(account, missingAccount)).toList();
        if (missingAccount != null && payersOfMissing.isEmpty()) {
            throw new IllegalArgumentException("no account is on another shard than " + missingAccount);
        }
    }

    /**
     * Keys are {@code <keyNamespace>-t<thread>-<n>}: a namespace per load, so loads on one cluster never share one.
     * Every attempt goes into {@code history}. {@code missingAccount}: an account that does not exist, or null.
     */
    static TransferLoad start(LedgerClient client, History history, List<String> nodeUrls, List<String> accounts,
            String missingAccount, long maxAmount, int threadCount, String keyNamespace) {
        TransferLoad load = new TransferLoad(client, history, nodeUrls, accounts, missingAccount, maxAmount);
        for (int i = 0; i < threadCount; i++) {
            String keyPrefix = keyNamespace + "-t" + i + "-";
            Thread thread = new Thread(() -> load.run(keyPrefix), "transfer-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(String keyPrefix) {
        try {
            for (long n = 0; !stopping; n++) {
                TransferRequest request = randomTransfer(keyPrefix + n);
                settle(request, true).ifPresentOrElse(answer -> record(request, answer), () -> open.add(request));
                Thread.sleep(THINK_TIME_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            unexpected.add(Thread.currentThread().getName() + " failed: " + e);
        }
    }

    private TransferRequest randomTransfer(String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (missingAccount != null && random.nextInt(MISSING_ACCOUNT_EVERY) == 0) {
            return new TransferRequest(key, payersOfMissing.get(random.nextInt(payersOfMissing.size())),
                    missingAccount, 1 + random.nextLong(maxAmount));
        }
        int from = random.nextInt(accounts.size());
        int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        return new TransferRequest(key, accounts.get(from), accounts.get(to), 1 + random.nextLong(maxAmount));
    }

    /**
     * Sends the request, and again with the same key, until a definite answer; empty if its bounds
     * run out or, with {@code untilStopped}, the load stops first (the transfer is still undecided).
     * With {@code untilStopped} (the load's first go at a key), 503 unavailable to every attempt so far
     * is definite too: nothing was done.
     */
    private Optional<TransferAnswer> settle(TransferRequest request, boolean untilStopped) throws InterruptedException {
        boolean mayHaveTakenEffect = false;
        for (SameKeyRetry retry = SameKeyRetry.begin(); retry.mayAttempt(); retry.pause()) {
            if (untilStopped && stopping) {
                return Optional.empty();
            }
            String node = nodeUrls.get(ThreadLocalRandom.current().nextInt(nodeUrls.size()));
            long sentAt = System.nanoTime();
            attempts.increment();
            try {
                TransferAnswer answer = client.transfer(node, request);
                recordAttempt(sentAt, node, request, answer);
                if (answer.definite()) {
                    if (answer.committed()) {
                        committed(sentAt);
                    }
                    return Optional.of(answer);
                }
                if (answer.notApplied() && untilStopped && !mayHaveTakenEffect) {
                    return Optional.of(answer);
                }
                if (answer.accepted()) {
                    // Recorded, its workflow to decide it: asked again with the key until the decision is answered.
                    accepted.increment();
                    mayHaveTakenEffect = true;
                } else if (answer.retryable()) {
                    unavailable.increment();
                    mayHaveTakenEffect |= !answer.notApplied();
                } else {
                    unexpected.add(request.idempotencyKey() + " at " + node + ": " + answer);
                }
            } catch (IOException undecided) {
                // Timed out, refused or reset: the transfer may or may not have been applied.
                history.transfer(sentAt, node, request.idempotencyKey(), request.from(), request.to(),
                        request.amount(), Outcome.UNKNOWN, null, null);
                noAnswer.increment();
                mayHaveTakenEffect = true;
            }
        }
        return Optional.empty();
    }

    /**
     * Definite answers and 202 name the transfer; 503 unavailable and every other 4xx did nothing; 503
     * outcome-unknown and every other 5xx may have.
     */
    private void recordAttempt(long sentAt, String node, TransferRequest request, TransferAnswer answer) {
        Outcome outcome = answer.definite() ? Outcome.OK : answer.accepted() ? Outcome.ACCEPTED
                : answer.notApplied() || answer.status() < 500 ? Outcome.FAILED : Outcome.UNKNOWN;
        boolean named = outcome == Outcome.OK || outcome == Outcome.ACCEPTED;
        history.transfer(sentAt, node, request.idempotencyKey(), request.from(), request.to(), request.amount(),
                outcome, named ? answer.transferId() : null, named ? answer.transferStatus() : null);
    }

    private void committed(long sentAt) {
        committed.increment();
        long receivedAt = System.nanoTime();
        commitTimes.add(receivedAt);
        for (CommitWatch watch : watches) {
            if (sentAt >= watch.sinceNanos()) {
                watch.firstCommit().complete(receivedAt);
            }
        }
    }

    private void record(TransferRequest request, TransferAnswer answer) {
        if (answer.notApplied()) {
            notApplied.add(request);
        } else {
            settled.put(request.idempotencyKey(), new Settled(request, answer));
        }
    }

    /**
     * Completes with the {@link System#nanoTime()} at which a request sent at or after {@code sinceNanos}
     * was first answered 201: when writes went through again after a fault. Answers to requests sent
     * earlier do not count; a node may have applied those before the fault.
     */
    CompletableFuture<Long> firstCommitSentAfter(long sinceNanos) {
        CommitWatch watch = new CommitWatch(sinceNanos, new CompletableFuture<>());
        watches.add(watch);
        return watch.firstCommit();
    }

    /**
     * The unavailability window: the longest stretch within [{@code fromNanos}, {@code toNanos}] in which no
     * transfer was acknowledged as committed, by any node to any client.
     */
    Duration longestCommitGap(long fromNanos, long toNanos) {
        List<Long> times = commitTimes.stream().filter(t -> t > fromNanos && t < toNanos).sorted().toList();
        long previous = fromNanos;
        long longest = 0;
        for (long time : times) {
            longest = Math.max(longest, time - previous);
            previous = time;
        }
        return Duration.ofNanos(Math.max(longest, toNanos - previous));
    }

    long committedCount() {
        return committed.sum();
    }

    /** Stops the threads; the key each was working on stays open. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop within " + STOP_TIMEOUT);
            }
        }
    }

    /** After {@link #close()}, on a healthy cluster: settles the open keys and returns those it could not. */
    List<String> settleOpenKeys() throws InterruptedException {
        List<String> unsettled = new ArrayList<>();
        for (TransferRequest request = open.poll(); request != null; request = open.poll()) {
            Optional<TransferAnswer> answer = settle(request, false);
            if (answer.isPresent()) {
                record(request, answer.get());
            } else {
                unsettled.add(request.idempotencyKey());
            }
        }
        return unsettled;
    }

    /**
     * Sends up to {@code sampleSize} settled keys again: each must be answered with the transfer it
     * was settled with, marked Idempotent-Replayed. Returns the mismatches.
     */
    List<String> replayMismatches(int sampleSize) throws InterruptedException {
        List<Settled> sample = new ArrayList<>(settled.values());
        Collections.shuffle(sample);
        List<String> mismatches = new ArrayList<>();
        for (Settled original : sample.subList(0, Math.min(sampleSize, sample.size()))) {
            Optional<TransferAnswer> replay = settle(original.request(), false);
            if (replay.isEmpty()) {
                mismatches.add(original.request().idempotencyKey() + ": no definite answer to the replay");
            } else if (!replay.get().replayed() || replay.get().status() != original.answer().status()
                    || !replay.get().transferId().equals(original.answer().transferId())) {
                mismatches.add(original.request().idempotencyKey() + ": first " + original.answer()
                        + ", replayed " + replay.get());
            }
        }
        return mismatches;
    }

    Collection<Settled> settled() {
        return settled.values();
    }

    List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    long attempts() {
        return attempts.sum();
    }

    /** Keys given up on 503 unavailable, which the ledger must not show. */
    long notAppliedKeys() {
        return notApplied.size();
    }

    long unavailableAnswers() {
        return unavailable.sum();
    }

    long requestsWithoutAnswer() {
        return noAnswer.sum();
    }

    String summary() {
        return "%d keys settled (%d committed, %d rejected, %d compensated) in %d requests: %d answered 202 (asked"
                .formatted(settled.size(), count(TransferAnswer::committed), count(TransferAnswer::rejected),
                        count(TransferAnswer::compensated), attempts.sum(), accepted.sum())
                + " again), %d answered 503/409, %d without an answer (timeout, refused, reset);"
                .formatted(unavailable.sum(), noAnswer.sum())
                + " %d keys given up on 503 unavailable".formatted(notApplied.size());
    }

    /** Settled keys whose answer was of this kind. */
    long count(Predicate<TransferAnswer> kind) {
        return settled.values().stream().map(Settled::answer).filter(kind).count();
    }
}
