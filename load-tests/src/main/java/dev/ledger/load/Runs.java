package dev.ledger.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/** Turns a run's raw measurements into its line of the summary. */
public final class Runs {

    private Runs() {
    }

    public static Summary.Run summarize(String mode, LoadRun.Settings settings, Duration measured, RunStats stats,
            Summary.Audit audit) {
        Histogram latency = stats.total();
        double seconds = measured.toMillis() / 1000.0;
        return new Summary.Run(mode, settings.scenario().value(), settings.model().value(), round(seconds),
                round(stats.committed.get() / seconds), round(stats.rejected.get() / seconds),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(95)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), stats.errorsByStatus(),
                stats.conflicts.get(), stats.retries.get(), stats.dropped.get(), stats.longestCommitGapMs(),
                stats.replays.get(), stats.replayMismatches.get(), round(stats.driverCpuPercent()), stats.machine(),
                audit, stats.seconds());
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
