package dev.ledger.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One bounded run of one scenario against a cluster, in the open model (transfers start at a constant rate,
 * whatever the answers do; latency counts from the intended start, so a stall is not hidden by clients that
 * stopped sending: no coordinated omission) or the closed model (a fixed number of clients send back to back:
 * the maximum throughput).
 */
public final class LoadRun {

    public enum Model {
        OPEN, CLOSED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param ratePerSec open model: transfers started per second
     * @param clients closed model: concurrent clients; open model: most transfers in flight at once
     */
    public record Settings(Scenario scenario, Model model, Duration duration, int ratePerSec, int clients,
            String accountPrefix, int accounts, long maxAmount, long seed) {
    }

    /** Open model: past this many seconds of backlog, new transfers are dropped (and counted) rather than queued. */
    private static final int BACKLOG_SECONDS_MAX = 2;
    private static final long PROGRESS_INTERVAL_MS = 1_000;

    private final Settings settings;
    private final TransferClient client;
    private final AccountPicker picker;
    private final RunStats stats = new RunStats();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    public LoadRun(Settings settings, java.util.List<String> nodeUrls) {
        this.settings = settings;
        this.client = new TransferClient(nodeUrls);
        this.picker = new AccountPicker(settings.accounts(), settings.scenario(), settings.seed());
    }

    /** Runs to the end of the duration; {@code fault} (may be null) is started a third into the run. */
    public RunStats run(Runnable fault, String label, PrintStream progress) throws InterruptedException {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + settings.duration().toNanos();
        Thread reporter = startProgress(label, progress, startNanos);
        Thread faultThread = fault == null ? null : startFault(fault, settings.duration().dividedBy(3));
        try {
            if (settings.model() == Model.OPEN) {
                runOpen(startNanos, endNanos);
            } else {
                runClosed(endNanos);
            }
        } finally {
            reporter.interrupt();
            reporter.join();
            if (faultThread != null) {
                faultThread.join();
            }
        }
        return stats;
    }

    private void runOpen(long startNanos, long endNanos) throws InterruptedException {
        ThreadPoolExecutor senders = new ThreadPoolExecutor(settings.clients(), settings.clients(), 1,
                TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSec();
        long backlogMax = (long) settings.ratePerSec() * BACKLOG_SECONDS_MAX;
        for (long i = 0; ; i++) {
            long intended = startNanos + i * periodNanos;
            if (intended >= endNanos) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (senders.getQueue().size() > backlogMax) {
                stats.dropped.incrementAndGet();
                continue;
            }
            senders.execute(() -> oneTransfer(intended));
        }
        shutdown(senders);
    }

    private void runClosed(long endNanos) throws InterruptedException {
        ExecutorService clients = new ThreadPoolExecutor(settings.clients(), settings.clients(), 1,
                TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        for (int c = 0; c < settings.clients(); c++) {
            clients.execute(() -> {
                while (System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted()) {
                    oneTransfer(System.nanoTime());
                }
            });
        }
        shutdown(clients);
    }

    private void oneTransfer(long intendedNanos) {
        int[] pair = picker.next();
        String from = AccountPicker.accountId(settings.accountPrefix(), pair[0]);
        String to = AccountPicker.accountId(settings.accountPrefix(), pair[1]);
        long amount = picker.amount(settings.maxAmount());
        String key = runId + "-" + UUID.randomUUID();
        try {
            TransferClient.Answer answer = client.transfer(from, to, amount, key);
            stats.record(answer, System.nanoTime() - intendedNanos);
            if (answer.status() == 201 && settings.scenario() == Scenario.RETRY
                    && picker.nextDouble() < Scenario.REPLAY_SHARE) {
                TransferClient.Answer replay = client.transfer(from, to, amount, key);
                stats.replays.incrementAndGet();
                if (replay.status() != 201 || !replay.replayed() || !answer.transferId().equals(replay.transferId())) {
                    stats.replayMismatches.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        // Transfers still in flight finish (each is bounded by the client's retries and timeouts).
        if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
            executor.shutdownNow();
        }
    }

    private Thread startProgress(String label, PrintStream out, long startNanos) {
        Thread reporter = new Thread(() -> {
            long lastCommitted = 0;
            try {
                while (true) {
                    Thread.sleep(PROGRESS_INTERVAL_MS);
                    Histogram second = stats.interval();
                    long committed = stats.committed.get();
                    out.printf("  %-24s %3ds  committed %6d/s  p99 %8.1f ms  errors %d  retries %d%n", label,
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), committed - lastCommitted,
                            second.getValueAtPercentile(99) / 1000.0, stats.errorsByStatus().values().stream()
                                    .mapToLong(Long::longValue).sum(), stats.retries.get());
                    lastCommitted = committed;
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "load-progress");
        reporter.setDaemon(true);
        reporter.start();
        return reporter;
    }

    private static Thread startFault(Runnable fault, Duration delay) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                fault.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-fault");
        thread.start();
        return thread;
    }
}
