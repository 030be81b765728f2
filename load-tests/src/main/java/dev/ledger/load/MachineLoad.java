package dev.ledger.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * How loaded the machine was over an interval, from Linux's /proc: the 1-minute load average at its end, and the
 * share of all CPUs' time that was busy and that the hypervisor stole. Figures from a shared machine mean little
 * without these: the same run measured 2x apart on a quiet and a busy day.
 */
public record MachineLoad(double loadAverage, double busyPercent, double stealPercent) {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    /** Fields of /proc/stat's "cpu" line, after the name: user nice system idle iowait irq softirq steal. */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int STEAL = 7;

    /** The start of an interval: the CPU counters now, or empty where there is no /proc. */
    public static Optional<Mark> mark() {
        return cpuTimes().map(Mark::new);
    }

    /** CPU counters at the start of an interval. */
    public record Mark(long[] start) {

        /** The load from this mark to now, or empty if /proc could not be read. */
        public Optional<MachineLoad> since() {
            Optional<long[]> end = cpuTimes();
            Optional<Double> loadAverage = readLoadAverage();
            if (end.isEmpty() || loadAverage.isEmpty()) {
                return Optional.empty();
            }
            long[] delta = new long[start.length];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = end.get()[i] - start[i];
            }
            double total = Math.max(1, Arrays.stream(delta).sum());
            double busy = total - delta[IDLE] - delta[IOWAIT];
            return Optional.of(new MachineLoad(loadAverage.get(), Runs.round(100 * busy / total),
                    Runs.round(100 * delta[STEAL] / total)));
        }
    }

    private static Optional<long[]> cpuTimes() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            return Optional.of(Arrays.stream(fields, 1, 1 + STEAL + 1).mapToLong(Long::parseLong).toArray());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Double> readLoadAverage() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
