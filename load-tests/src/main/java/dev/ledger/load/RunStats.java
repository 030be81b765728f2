package dev.ledger.load;

import dev.ledger.contract.ShardRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What one run measured; thread-safe. Latency in microseconds, from the intended send time to the final answer. */
public final class RunStats {

    private static final long LATENCY_US_MAX = TimeUnit.MINUTES.toMicros(2);

    private final Recorder latency = new Recorder(LATENCY_US_MAX, 3);
    private final Histogram total = new Histogram(LATENCY_US_MAX, 3);
    final AtomicLong committed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong replays = new AtomicLong();
    final AtomicLong replayMismatches = new AtomicLong();
    private final AtomicLong picked = new AtomicLong();
    /** Of those picked, the transfers whose accounts the workflow mode keeps on different shards. */
    private final AtomicLong crossShard = new AtomicLong();
    private final Map<Integer, AtomicLong> errorsByStatus = new TreeMap<>();
    private volatile double driverCpuPercent;
    private volatile MachineLoad machine;
    private volatile List<ProcessCpu.Used> cpu = List.of();
    private volatile Counts windowCounts = new Counts(0, 0);
    private volatile long windowNanos;
    private final List<Summary.Second> seconds = new ArrayList<>();
    /** Longest time between two consecutive committed answers: the unavailability window of a failover. */
    private long lastCommitNanos;
    private long longestGapNanos;

    void picked(String from, String to) {
        picked.incrementAndGet();
        if (ShardRule.crossShard(from, to)) {
            crossShard.incrementAndGet();
        }
    }

    /** The share of the run's transfers that cross the workflow mode's shards (a property of the scenario's pairs). */
    double crossShardShare() {
        long all = picked.get();
        return all == 0 ? 0 : Math.round(crossShard.get() * 1000.0 / all) / 1000.0;
    }

    void record(TransferClient.Answer answer, long latencyNanos) {
        latency.recordValue(Math.min(LATENCY_US_MAX, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        retries.addAndGet(answer.retries());
        switch (answer.status()) {
            case 201 -> {
                committed.incrementAndGet();
                markCommit(System.nanoTime());
            }
            case 422 -> rejected.incrementAndGet();
            case 409 -> {
                conflicts.incrementAndGet();
                error(409);
            }
            default -> error(answer.status());
        }
    }

    /** Transfers answered so far: committed, and rejected by a rule (422). */
    record Counts(long committed, long rejected) {

        Counts minus(Counts earlier) {
            return new Counts(committed - earlier.committed, rejected - earlier.rejected);
        }
    }

    Counts counts() {
        return new Counts(committed.get(), rejected.get());
    }

    /** What was answered in the measured window ({@link LoadRun}), which lasted {@code nanos}. */
    void window(Counts counts, long nanos) {
        windowCounts = counts;
        windowNanos = nanos;
    }

    Counts windowCounts() {
        return windowCounts;
    }

    long windowNanos() {
        return windowNanos;
    }

    private synchronized void markCommit(long now) {
        if (lastCommitNanos != 0) {
            longestGapNanos = Math.max(longestGapNanos, now - lastCommitNanos);
        }
        lastCommitNanos = now;
    }

    private synchronized void error(int status) {
        errorsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** The latencies recorded since the previous call, folded into the run's total. */
    synchronized Histogram interval() {
        Histogram interval = latency.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    synchronized Histogram total() {
        interval();
        return total.copy();
    }

    synchronized Map<String, Long> errorsByStatus() {
        Map<String, Long> copy = new TreeMap<>();
        errorsByStatus.forEach((status, count) -> copy.put(Integer.toString(status), count.get()));
        return copy;
    }

    synchronized long errors() {
        return errorsByStatus.values().stream().mapToLong(AtomicLong::get).sum();
    }

    synchronized void second(Summary.Second second) {
        seconds.add(second);
    }

    synchronized List<Summary.Second> seconds() {
        return List.copyOf(seconds);
    }

    /** The driver's CPU over the window, in percent of one core. */
    void driverCpu(long cpuNanos, long wallNanos) {
        driverCpuPercent = 100.0 * cpuNanos / Math.max(1, wallNanos);
    }

    double driverCpuPercent() {
        return driverCpuPercent;
    }

    /** How loaded the machine was during the window (null where it cannot be read). */
    void machine(MachineLoad load) {
        machine = load;
    }

    MachineLoad machine() {
        return machine;
    }

    /** What each process group used over the window; empty where it was not measured. */
    void cpu(List<ProcessCpu.Used> used) {
        cpu = List.copyOf(used);
    }

    List<ProcessCpu.Used> cpu() {
        return cpu;
    }

    synchronized long longestCommitGapMs() {
        return TimeUnit.NANOSECONDS.toMillis(longestGapNanos);
    }
}
