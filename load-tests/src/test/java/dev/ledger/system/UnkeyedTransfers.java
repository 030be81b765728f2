package dev.ledger.system;

import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that sends transfers without an Idempotency-Key alongside a fault scenario's load: it could not learn
 * the outcome of an answer that leaves it open, so every one must be refused up front (400 idempotency-key-missing),
 * and none may show in the ledger (the scenario's exactly-once check sees any entry no client was told of).
 */
final class UnkeyedTransfers implements AutoCloseable {

    private static final long PAUSE_MILLIS = 50;

    private final Thread thread;
    private final AtomicInteger refused = new AtomicInteger();
    private final Queue<String> otherAnswers = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    private UnkeyedTransfers(LedgerClient client, List<String> nodeUrls, List<String> accounts) {
        thread = new Thread(() -> run(client, nodeUrls, accounts), "unkeyed-transfers");
        thread.setDaemon(true);
    }

    static UnkeyedTransfers start(LedgerClient client, List<String> nodeUrls, List<String> accounts) {
        UnkeyedTransfers unkeyed = new UnkeyedTransfers(client, nodeUrls, accounts);
        unkeyed.thread.start();
        return unkeyed;
    }

    private void run(LedgerClient client, List<String> nodeUrls, List<String> accounts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopping) {
            String node = nodeUrls.get(random.nextInt(nodeUrls.size()));
            try {
                TransferRequest withoutKey = new TransferRequest(null, accounts.get(0), accounts.get(1),
                        1 + random.nextLong(10));
                TransferAnswer answer = client.transfer(node, withoutKey);
                if (answer.status() == 400 && LedgerClient.KEY_MISSING.equals(answer.problemType())) {
                    refused.incrementAndGet();
                } else {
                    otherAnswers.add(node + ": " + answer);
                }
            } catch (IOException noAnswer) {
                // A node that is down or paused answers nothing: that is not an answer to judge.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int refused() {
        return refused.get();
    }

    /** Answers other than the refusal: each is a finding. */
    List<String> otherAnswers() {
        return new ArrayList<>(otherAnswers);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(20_000);
    }
}
