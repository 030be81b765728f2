package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard: one Prometheus, chosen on import, serves every panel; it shows what an operator needs. */
class DashboardTest {

    private static final String DATASOURCE = "${datasource}";

    private final JsonNode dashboard = Monitoring.dashboard();

    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        return panels;
    }

    private List<JsonNode> panelsReading(String series) {
        return panels().stream().filter(panel -> queries(panel).stream()
                .anyMatch(query -> PromQl.seriesIn(query).contains(series))).toList();
    }

    private static List<String> queries(JsonNode panel) {
        List<String> queries = new ArrayList<>();
        panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        return queries;
    }

    @Test
    void everyPanelAndVariableQueriesTheDataSourceChosenOnImport() {
        JsonNode variables = dashboard.path("templating").path("list");
        JsonNode datasource = variables.get(0);
        assertEquals("datasource", datasource.path("name").asText());
        assertEquals("datasource", datasource.path("type").asText());
        assertEquals("prometheus", datasource.path("query").asText());

        for (JsonNode panel : panels()) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertEquals(DATASOURCE, panel.path("datasource").path("uid").asText(), title);
            assertFalse(panel.path("targets").isEmpty(), title + " queries nothing");
            panel.path("targets").forEach(target ->
                    assertEquals(DATASOURCE, target.path("datasource").path("uid").asText(), title));
        }
        variables.forEach(variable -> {
            if (variable.path("type").asText().equals("query")) {
                assertEquals(DATASOURCE, variable.path("datasource").path("uid").asText(), variable.toString());
            }
        });
    }

    @Test
    void showsEveryMeterOfTheService() {
        Set<String> queried = new TreeSet<>();
        Monitoring.panelQueries().forEach(query -> queried.addAll(PromQl.seriesIn(query)));

        for (String meter : ExportedSeries.LEDGER_METERS.keySet()) {
            assertTrue(ExportedSeries.of(meter).stream().anyMatch(queried::contains), meter + " is not shown");
        }
    }

    @Test
    void showsErrorsPoolsJvmApplyLagAndEachMembersRoleOverTime() {
        assertTrue(panelsReading("http_server_requests_seconds_count").stream().flatMap(p -> queries(p).stream())
                .anyMatch(query -> query.contains("429") && query.contains("5..")), "no errors by status, 429 and 5xx");
        assertFalse(panelsReading("agroal_active_count").isEmpty(), "no pool usage");
        assertFalse(panelsReading("agroal_awaiting_count").isEmpty(), "no waits for a connection");
        assertFalse(panelsReading("jvm_memory_used_bytes").isEmpty(), "no JVM memory");
        assertFalse(panelsReading("jvm_gc_pause_seconds_sum").isEmpty(), "no GC pauses");
        assertFalse(panelsReading("ledger_raft_apply_lag").isEmpty(), "no raft apply lag");
        assertTrue(panelsReading("ledger_raft_leader").stream()
                .anyMatch(panel -> panel.path("type").asText().equals("state-timeline")), "no leader timeline");
    }

    @Test
    void panelsHaveTheirOwnIdAndPlace() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertTrue(ids.add(panel.path("id").asInt()), "id " + panel.path("id") + " twice");
            JsonNode at = panel.path("gridPos");
            for (int x = at.path("x").asInt(); x < at.path("x").asInt() + at.path("w").asInt(); x++) {
                for (int y = at.path("y").asInt(); y < at.path("y").asInt() + at.path("h").asInt(); y++) {
                    assertTrue(x < 24 && cells.add(x + "," + y), panel.path("title") + " overlaps or overflows");
                }
            }
        }
    }
}
