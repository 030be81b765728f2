package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dashboard, the alerts and the alerts' unit tests read only series that the service exports. */
class MonitoredSeriesTest {

    private static void assertExported(Set<String> used, String where) {
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(ExportedSeries.all());
        assertTrue(unknown.isEmpty(), where + " reads series the service does not export: " + unknown);
        assertFalse(used.isEmpty(), where + " reads nothing");
    }

    @Test
    void everyMeterOfTheServiceIsKnownHere() {
        assertEquals(ExportedSeries.declaredMeters(), new TreeSet<>(ExportedSeries.LEDGER_METERS.keySet()),
                "a meter of ExportedSeries.METER_CLASSES without its kind in ExportedSeries, or one that is gone");
    }

    @Test
    void theDashboardReadsExportedSeries() {
        Set<String> used = new TreeSet<>(Monitoring.variableSeries());
        Monitoring.panelQueries().forEach(query -> used.addAll(PromQl.seriesIn(query)));

        assertExported(used, "the dashboard");
    }

    @Test
    void theAlertsAndTheirTestsReadExportedSeries() {
        Set<String> used = new TreeSet<>();
        Monitoring.alerts().forEach(rule -> used.addAll(PromQl.seriesIn(rule.path("expr").asText())));
        assertExported(used, "the alerts");

        Set<String> fed = new TreeSet<>();
        for (JsonNode test : Monitoring.ruleTests().path("tests")) {
            test.path("input_series").forEach(input -> fed.add(input.path("series").asText().split("\\{", 2)[0]));
        }
        assertExported(fed, "the alerts' unit tests");
    }

    @Test
    void findsTheSeriesOfAQuery() {
        assertEquals(Set.of("http_server_requests_seconds_count", "ledger_raft_leader"), PromQl.seriesIn(
                "sum by (namespace, pod) (rate(http_server_requests_seconds_count{status=~\"5..\"}[$__rate_interval]))"
                        + " / on (pod) group_left max(ledger_raft_leader offset 5m) > bool 0.05"));
    }
}
