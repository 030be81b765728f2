package dev.ledger.system;

import dev.ledger.history.History;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads balances from random nodes while the load runs, as a client would: a negative balance, even
 * a passing one, would mean a debit was applied without the funds it was checked against.
 */
final class BalanceWatcher implements AutoCloseable {

    private static final long READ_PAUSE_MILLIS = 20;
    private static final long STOP_TIMEOUT_MILLIS = 15_000;

    private final LedgerClient client;
    private final History history;
    private final List<String> nodeUrls;
    private final List<String> accounts;
    private final Thread thread;
    private volatile boolean stopping;
    private final LongAdder reads = new LongAdder();
    private final Queue<String> negative = new ConcurrentLinkedQueue<>();

    private BalanceWatcher(LedgerClient client, History history, List<String> nodeUrls, List<String> accounts) {
        this.client = client;
        this.history = history;
        this.nodeUrls = List.copyOf(nodeUrls);
        this.accounts = List.copyOf(accounts);
        this.thread = new Thread(this::run, "balance-watcher");
        thread.setDaemon(true);
    }

    /** Every answered read goes into {@code history}, for the check that reads are linearizable. */
    static BalanceWatcher start(LedgerClient client, History history, List<String> nodeUrls, List<String> accounts) {
        BalanceWatcher watcher = new BalanceWatcher(client, history, nodeUrls, accounts);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (!stopping) {
                String node = nodeUrls.get(random.nextInt(nodeUrls.size()));
                String account = accounts.get(random.nextInt(accounts.size()));
                try {
                    long sentAt = System.nanoTime();
                    long balance = client.balance(node, account);
                    history.balanceRead(sentAt, node, account, balance);
                    reads.increment();
                    if (balance < 0) {
                        negative.add(account + " = " + balance + " at " + node);
                    }
                } catch (IOException nodeDownOrPaused) {
                    // Only what a node answers counts.
                }
                Thread.sleep(READ_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long reads() {
        return reads.sum();
    }

    List<String> negativeBalances() {
        return List.copyOf(negative);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(STOP_TIMEOUT_MILLIS);
    }
}
