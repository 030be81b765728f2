package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard queries only series the service exports, and shows every metric of the service. */
class DashboardTest {

    /**
     * The Micrometer meters of the service (TransferService, OptimisticStrategy, RaftStrategy) by their Prometheus
     * names; histograms ({@code publishPercentileHistogram}) export _bucket, _count, _sum and _max series.
     */
    private static final Set<String> COUNTERS_AND_GAUGES = Set.of("ledger_transfers_total",
            "ledger_optimistic_retries_total", "ledger_lock_timeouts_total", "ledger_raft_term", "ledger_raft_leader",
            "ledger_raft_apply_lag", "ledger_raft_in_flight");
    private static final Set<String> HISTOGRAMS = Set.of("ledger_transfer_duration_seconds",
            "ledger_raft_apply_batch_size", "ledger_raft_apply_duration_seconds");
    private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_count", "_sum", "_max");
    private static final Pattern METRIC = Pattern.compile("\\bledger_[a-z_]+");

    @Test
    void queriesOnlyExportedSeriesAndShowsEveryMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Rendering.k8sDir().resolve("grafana/ledger-dashboard.json")
                .toFile());
        Set<String> exported = new TreeSet<>(COUNTERS_AND_GAUGES);
        HISTOGRAMS.forEach(h -> HISTOGRAM_SERIES.forEach(suffix -> exported.add(h + suffix)));
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher metric = METRIC.matcher(expr.asText());
            while (metric.find()) {
                queried.add(metric.group());
            }
        }

        assertTrue(exported.containsAll(queried), "not exported: " + difference(queried, exported));
        Set<String> shown = new TreeSet<>();
        queried.forEach(series -> shown.add(HISTOGRAM_SERIES.stream().filter(series::endsWith).findFirst()
                .map(suffix -> series.substring(0, series.length() - suffix.length())).orElse(series)));
        Set<String> metrics = new TreeSet<>(COUNTERS_AND_GAUGES);
        metrics.addAll(HISTOGRAMS);
        assertEquals(metrics, shown);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
