package dev.ledger.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
    public record Settings(Scenario scenario, Model model, Routing routing, Duration duration, int ratePerSec,
            int clients, String accountPrefix, int accounts, long maxAmount, long seed) {
    }

    /** Open model: past this many seconds of backlog, new transfers are dropped (and counted) rather than queued. */
    private static final int BACKLOG_SECONDS_MAX = 2;
    private static final long PROGRESS_INTERVAL_MS = 1_000;
    private static final int DRAIN_TIMEOUT_MINUTES = 5;
    /**
     * The first fifth of a run brings the load to its level and is not measured: all clients start at once, and a
     * mode whose answers queue (optimistic on a hot account: 40-87 committed/s in its first seconds, 20 from the
     * sixth on) would otherwise be measured in a state it leaves.
     */
    private static final int LEAD_IN_PARTS = 5;

    private final Settings settings;
    private final TransferClient client;
    private final AccountPicker picker;
    private final RunStats stats = new RunStats();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    /**
     * @param nodeUrls where the clients reach the nodes
     * @param advertisedUrls in the same order, the base URL under which each node names itself as the leader (in a
     *     redirect): the same, unless the nodes reach each other through a relay
     */
    public LoadRun(Settings settings, List<String> nodeUrls, List<String> advertisedUrls) {
        this.settings = settings;
        this.client = new TransferClient(nodeUrls, advertisedUrls, settings.clients(), settings.routing());
        this.picker = new AccountPicker(settings.accounts(), settings.scenario(), settings.seed());
    }

    /**
     * Runs to the end of the duration; {@code fault} (may be null) is started a third into the run. The figures
     * (committed/s, CPU, the machine's load) come from the measured window: the duration after its lead-in, until its
     * end; transfers still in flight then are waited for, and their latencies counted, but not what they cost or
     * commit after the end, where fewer clients contend than in the window (a run on a hot account drained for up
     * to 20 s after a 15 s window).
     */
    public RunStats run(Runnable fault, String label, PrintStream progress) throws InterruptedException {
        return run(fault, label, progress, List.of());
    }

    /** A run whose system under test's CPU is measured too: {@code measured}, the groups of its processes. */
    public RunStats run(Runnable fault, String label, PrintStream progress, List<ProcessCpu.Group> measured)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + settings.duration().toNanos();
        Thread reporter = startProgress(label, progress, startNanos);
        Thread window = startWindow(startNanos + settings.duration().toNanos() / LEAD_IN_PARTS, endNanos, measured);
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
            window.join();
            if (faultThread != null) {
                faultThread.join();
            }
            client.close();
        }
        return stats;
    }

    /** Measures from {@code fromNanos} to {@code toNanos}, while every client sends, into the stats' window. */
    private Thread startWindow(long fromNanos, long toNanos, List<ProcessCpu.Group> measured) {
        Thread thread = new Thread(() -> {
            try {
                sleepUntil(fromNanos);
                long startCpuNanos = DriverCpu.processCpuNanos();
                Optional<MachineLoad.Mark> machineMark = MachineLoad.mark();
                Optional<ProcessCpu.Mark> cpuMark = ProcessCpu.mark(withDriver(measured));
                RunStats.Counts before = stats.counts();
                sleepUntil(toNanos);
                long wallNanos = System.nanoTime() - fromNanos;
                stats.window(stats.counts().minus(before), wallNanos);
                stats.driverCpu(DriverCpu.processCpuNanos() - startCpuNanos, wallNanos);
                stats.machine(machineMark.flatMap(MachineLoad.Mark::since).orElse(null));
                cpuMark.ifPresent(mark -> stats.cpu(mark.since()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-window");
        thread.start();
        return thread;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static List<ProcessCpu.Group> withDriver(List<ProcessCpu.Group> measured) {
        if (measured.isEmpty()) {
            return measured;
        }
        List<ProcessCpu.Group> groups = new ArrayList<>(measured);
        groups.add(new ProcessCpu.Group(ProcessCpu.DRIVER, List.of(ProcessHandle.current().pid()), false));
        return groups;
    }

    /** Each client sends its next transfer when the previous one is settled, until the end. */
    private void runClosed(long endNanos) throws InterruptedException {
        CountDownLatch clientsDone = new CountDownLatch(settings.clients());
        for (int c = 0; c < settings.clients(); c++) {
            client.onEventLoop(() -> sendClosed(endNanos, clientsDone));
        }
        await(clientsDone);
    }

    private void sendClosed(long endNanos, CountDownLatch clientsDone) {
        if (System.nanoTime() >= endNanos) {
            clientsDone.countDown();
            return;
        }
        oneTransfer(System.nanoTime()).whenComplete((settled, failure) -> sendClosed(endNanos, clientsDone));
    }

    /**
     * Transfers start at their intended times, at most {@code clients} in flight; the others wait in a backlog of
     * at most {@link #BACKLOG_SECONDS_MAX} seconds, beyond which they are dropped and counted. The backlog is only
     * touched on the event loop.
     */
    private void runOpen(long startNanos, long endNanos) throws InterruptedException {
        OpenBacklog backlog = new OpenBacklog((long) settings.ratePerSec() * BACKLOG_SECONDS_MAX);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSec();
        for (long i = 0; ; i++) {
            long intended = startNanos + i * periodNanos;
            if (intended >= endNanos) {
                break;
            }
            sleepUntil(intended);
            client.onEventLoop(() -> backlog.offer(intended));
        }
        client.onEventLoop(backlog::close);
        await(backlog.drained);
    }

    /** The open model's transfers not yet started; only used on the event loop. */
    private final class OpenBacklog {

        private final ArrayDeque<Long> waiting = new ArrayDeque<>();
        private final long max;
        private final CountDownLatch drained = new CountDownLatch(1);
        private int inFlight;
        private boolean closed;

        OpenBacklog(long max) {
            this.max = max;
        }

        void offer(long intendedNanos) {
            if (inFlight < settings.clients()) {
                start(intendedNanos);
            } else if (waiting.size() >= max) {
                stats.dropped.incrementAndGet();
            } else {
                waiting.add(intendedNanos);
            }
        }

        private void start(long intendedNanos) {
            inFlight++;
            oneTransfer(intendedNanos).whenComplete((settled, failure) -> {
                inFlight--;
                Long next = waiting.poll();
                if (next != null) {
                    start(next);
                } else if (closed && inFlight == 0) {
                    drained.countDown();
                }
            });
        }

        void close() {
            closed = true;
            if (inFlight == 0) {
                drained.countDown();
            }
        }
    }

    /** One transfer settled, then (retry scenario) sometimes its replay; completes on the event loop. */
    private CompletableFuture<Void> oneTransfer(long intendedNanos) {
        int[] pair = picker.next();
        String from = AccountPicker.accountId(settings.accountPrefix(), pair[0]);
        String to = AccountPicker.accountId(settings.accountPrefix(), pair[1]);
        long amount = picker.amount(settings.maxAmount());
        stats.picked(from, to);
        String key = runId + "-" + UUID.randomUUID();
        return client.transfer(from, to, amount, key).thenCompose(answer -> {
            stats.record(answer, System.nanoTime() - intendedNanos);
            if (answer.status() != 201 || settings.scenario() != Scenario.RETRY
                    || picker.nextDouble() >= Scenario.REPLAY_SHARE) {
                return CompletableFuture.completedFuture(null);
            }
            return client.transfer(from, to, amount, key).thenAccept(replay -> {
                stats.replays.incrementAndGet();
                if (replay.status() != 201 || !replay.replayed() || !answer.transferId().equals(replay.transferId())) {
                    stats.replayMismatches.incrementAndGet();
                }
            });
        });
    }

    /** Transfers still in flight finish (each is bounded by the client's retries and timeouts). */
    private static void await(CountDownLatch done) throws InterruptedException {
        if (!done.await(DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException("transfers still in flight " + DRAIN_TIMEOUT_MINUTES
                    + " minutes after the run's end");
        }
    }

    private Thread startProgress(String label, PrintStream out, long startNanos) {
        Thread reporter = new Thread(() -> {
            long lastCommitted = 0;
            long lastErrors = 0;
            try {
                while (true) {
                    Thread.sleep(PROGRESS_INTERVAL_MS);
                    Histogram interval = stats.interval();
                    long committed = stats.committed.get();
                    long errors = stats.errors();
                    Summary.Second second = new Summary.Second(
                            (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos),
                            committed - lastCommitted, Runs.round(interval.getValueAtPercentile(99) / 1000.0),
                            errors - lastErrors);
                    stats.second(second);
                    out.printf("  %-24s %3ds  committed %6d/s  p99 %8.1f ms  errors %d  retries %d%n", label,
                            second.second(), second.committed(), second.p99Ms(), errors, stats.retries.get());
                    lastCommitted = committed;
                    lastErrors = errors;
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
