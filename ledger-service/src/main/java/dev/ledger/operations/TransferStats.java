package dev.ledger.operations;

import dev.ledger.mode.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This node's transfer figures for the dashboard, read from the meters that {@code TransferService} keeps, so the
 * page shows exactly what {@code /q/metrics} exports:
 * <ul>
 * <li>committed / rejected: the {@code ledger.transfers} counters with outcome {@code committed} / {@code rejected},
 * cumulative since the node started. Replayed answers ({@code replayed_*}) are left out: a replay moves no money and
 * decides nothing, so counting it would inflate committed/s in the retry scenario. In raft mode a transfer counts on
 * the node that answered the client (a follower that forwarded it), not on the leader that proposed it.</li>
 * <li>p99: the 99th percentile of {@code ledger.transfer.duration} over a sliding window of the last
 * {@value #WINDOW_SECONDS} s (Micrometer's time-window histogram: {@value #WINDOW_BUFFERS} buffers, each rotated out
 * after {@value #WINDOW_SECONDS} s, so the window holds between 2/3 and all of the last {@value #WINDOW_SECONDS} s).
 * The Prometheus histogram buckets stay cumulative, as before; this only adds the client-side percentile.</li>
 * </ul>
 */
@ApplicationScoped
public class TransferStats {

    static final long WINDOW_SECONDS = 30;
    static final int WINDOW_BUFFERS = 3;
    private static final double P99 = 0.99;
    /** Two significant digits: enough to tell 40 ms from 45 ms, cheap enough for every transfer. */
    private static final int PERCENTILE_PRECISION = 2;

    @Inject
    MeterRegistry registry;

    /** Adds the windowed p99 to the transfer timer; Quarkus applies MeterFilter beans to every registry. */
    @Produces
    @Singleton
    MeterFilter transferLatencyP99() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!MetricNames.TRANSFER_DURATION.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(P99)
                        .percentilePrecision(PERCENTILE_PRECISION)
                        .expiry(Duration.ofSeconds(WINDOW_SECONDS))
                        .bufferLength(WINDOW_BUFFERS)
                        .build()
                        .merge(config);
            }
        };
    }

    public NodeStats now() {
        return new NodeStats(count("committed"), count("rejected"), p99Ms());
    }

    private long count(String outcome) {
        return (long) registry.find(MetricNames.TRANSFERS).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Null before the first transfer and when the window is empty (a real p99 is never 0). */
    private Double p99Ms() {
        Timer timer = registry.find(MetricNames.TRANSFER_DURATION).timer();
        if (timer == null) {
            return null;
        }
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == P99 && value.value() > 0) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return null;
    }
}
