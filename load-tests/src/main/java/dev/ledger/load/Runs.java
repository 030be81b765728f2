package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Turns a run's raw measurements into its line of the summary. */
public final class Runs {

    private Runs() {
    }

    /**
     * Committed/s, rejected/s and CPU from the run's measured window; latencies and the other counts from every
     * transfer of the run.
     */
    public static Summary.Run summarize(String mode, String regime, LoadRun.Settings settings, RunStats stats,
            Summary.Relay relay, Summary.Audit audit) {
        Histogram latency = stats.total();
        double seconds = Math.max(1, stats.windowNanos()) / 1e9;
        long committed = stats.windowCounts().committed();
        List<Summary.Cpu> cpu = cpu(stats, committed);
        return new Summary.Run(mode, regime, settings.scenario().value(), settings.model().value(),
                settings.routing().label(), Mode.WORKFLOW.value().equals(mode) ? stats.crossShardShare() : null,
                round(seconds), round(committed / seconds),
                round(stats.windowCounts().rejected() / seconds),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(95)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), stats.errorsByStatus(),
                stats.conflicts.get(), stats.retries.get(), stats.dropped.get(), stats.longestCommitGapMs(),
                stats.replays.get(), stats.replayMismatches.get(), round(stats.driverCpuPercent()), stats.machine(),
                systemUnderTest(cpu), cpu, relay, audit, stats.seconds());
    }

    /** Each process group's CPU per committed transfer; empty if not measured or nothing was committed. */
    private static List<Summary.Cpu> cpu(RunStats stats, long committed) {
        if (committed == 0) {
            return List.of();
        }
        double wallNanos = Math.max(1, stats.windowNanos());
        return stats.cpu().stream().map(used -> new Summary.Cpu(used.group(), perTransfer(used.nanos(), committed),
                perTransfer(used.jitNanos(), committed), Math.round(used.nanos() / wallNanos * 100) / 100.0))
                .toList();
    }

    /** The system under test's CPU per committed transfer: every group but the instrument's; null if not measured. */
    private static Double systemUnderTest(List<Summary.Cpu> cpu) {
        if (cpu.isEmpty()) {
            return null;
        }
        double sum = cpu.stream().filter(group -> !ProcessCpu.isInstrument(group.group()))
                .mapToDouble(Summary.Cpu::msPerTransfer).sum();
        return Math.round(sum * 1000) / 1000.0;
    }

    private static double perTransfer(long nanos, long committed) {
        return Math.round(nanos / 1e6 / committed * 1000) / 1000.0;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
