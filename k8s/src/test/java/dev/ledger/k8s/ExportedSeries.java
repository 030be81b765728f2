package dev.ledger.k8s;

import dev.ledger.mode.MetricNames;
import dev.ledger.mode.database.DatabaseMetrics;
import dev.ledger.mode.raft.RaftMetrics;
import dev.ledger.mode.zookeeper.ZooKeeperMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The series the service exports on /q/metrics, by their Prometheus names: its own meters, every constant of
 * {@link #METER_CLASSES}, and those of Quarkus' extensions that the dashboard and the alerts read.
 */
final class ExportedSeries {

    /** How a meter is registered decides its series (Micrometer's Prometheus naming). */
    enum Kind {
        COUNTER(List.of("_total")),
        GAUGE(List.of("")),
        /** A Timer with publishPercentileHistogram: in seconds. */
        TIMER(List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max")),
        /** A DistributionSummary with publishPercentileHistogram. */
        HISTOGRAM(List.of("_bucket", "_count", "_sum", "_max"));

        final List<String> suffixes;

        Kind(List<String> suffixes) {
            this.suffixes = suffixes;
        }
    }

    /** Where the service names its meters: the shared ones, and each mode's beside it. */
    static final List<Class<?>> METER_CLASSES = List.of(MetricNames.class, DatabaseMetrics.class, RaftMetrics.class,
            ZooKeeperMetrics.class);

    /**
     * Each meter of {@link #METER_CLASSES} as TransferService, OptimisticStrategy, RaftStrategy and ZooKeeperStrategy
     * register it.
     */
    static final Map<String, Kind> LEDGER_METERS = Map.ofEntries(
            Map.entry(MetricNames.TRANSFERS, Kind.COUNTER),
            Map.entry(MetricNames.TRANSFER_DURATION, Kind.TIMER),
            Map.entry(MetricNames.LOCK_TIMEOUTS, Kind.COUNTER),
            Map.entry(DatabaseMetrics.OPTIMISTIC_RETRIES, Kind.COUNTER),
            Map.entry(RaftMetrics.APPLY_BATCH_SIZE, Kind.HISTOGRAM),
            Map.entry(RaftMetrics.ENTRY_TRANSFERS, Kind.HISTOGRAM),
            Map.entry(RaftMetrics.APPLY_DURATION, Kind.TIMER),
            Map.entry(RaftMetrics.TERM, Kind.GAUGE),
            Map.entry(RaftMetrics.LEADER, Kind.GAUGE),
            Map.entry(RaftMetrics.APPLY_LAG, Kind.GAUGE),
            Map.entry(RaftMetrics.IN_FLIGHT, Kind.GAUGE),
            Map.entry(ZooKeeperMetrics.TOKEN, Kind.GAUGE),
            Map.entry(ZooKeeperMetrics.LEADER, Kind.GAUGE),
            Map.entry(ZooKeeperMetrics.FENCED_BATCHES, Kind.COUNTER),
            Map.entry(ZooKeeperMetrics.REFUSED_UNWRITTEN, Kind.COUNTER));

    /**
     * Quarkus' series that the dashboard and the alerts read, as the service (Quarkus 3.33, micrometer-registry-
     * prometheus) exports them: HTTP requests by method, uri, status and outcome (not /q/ endpoints), JVM memory by
     * area and id, GC pauses, and the connection pools by datasource ("default", "apply"; application.properties
     * turns them on).
     */
    static final Set<String> QUARKUS = Set.of(
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_max",
            "jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes",
            "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max",
            "agroal_active_count", "agroal_available_count", "agroal_awaiting_count", "agroal_max_used_count");

    private ExportedSeries() {
    }

    /** The series of one of the service's meters, e.g. ledger_transfers_total for ledger.transfers. */
    static Set<String> of(String meter) {
        String name = meter.replace('.', '_');
        return LEDGER_METERS.get(meter).suffixes.stream().map(suffix -> name + suffix)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> all() {
        Set<String> all = new TreeSet<>(QUARKUS);
        LEDGER_METERS.keySet().forEach(meter -> all.addAll(of(meter)));
        return all;
    }

    /** Every name {@link #METER_CLASSES} declare, read from the classes so that a new meter cannot be missed. */
    static Set<String> declaredMeters() {
        Set<String> names = new TreeSet<>();
        for (Class<?> meters : METER_CLASSES) {
            for (Field field : meters.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }
}
