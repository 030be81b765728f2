package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesTheSummaryInTheDocumentedShapeWithTableAndChart(@TempDir Path dir) throws Exception {
        var audit = new Summary.Audit(true, true, true, true, true, true);
        var summary = new Summary(
                new Summary.Environment(2, "abc123", "17.11", "off", "off", true, 3, 10_000, 42, 32, "20261126",
                        new MachineLoad(0.4, 3, 0)),
                List.of(new Summary.Warmup("raft", 140, true), new Summary.Warmup("pessimistic", 300, false)),
                List.of(new Summary.Run("raft", "hot", "closed", "leader-aware", 20, 2500, 10, 5, 9, 12.5, 40,
                                Map.of(), 0, 3, 0, 0, 0, 0, 12.0, new MachineLoad(3.1, 98, 1.5), 0.42,
                                List.of(new Summary.Cpu("nodes", 0.3, 0.01, 0.75), new Summary.Cpu("postgres", 0.12,
                                        0, 0.3), new Summary.Cpu("driver", 0.05, 0, 0.12)),
                                new Summary.Relay(1.0, 1.02), audit,
                                List.of(new Summary.Second(1, 2400, 11.5, 0), new Summary.Second(2, 2600, 13.5, 0))),
                        new Summary.Run("pessimistic", "hot", "closed", "any node", 20, 300, 2, 50, 90, 120,
                                400, Map.of("503", 4L), 0, 4, 0, 0, 0, 0, 3.0, null, null, List.of(), null,
                                new Summary.Audit(false, true, true, false, true, true),
                                List.of(new Summary.Second(1, 0, 0, 4), new Summary.Second(2, 600, 120.0, 0)))),
                List.of(new Summary.Baseline("jdbc-transfer", 1500.0, null),
                        new Summary.Baseline("http-noop", null, 9000.0)));
        ReportWriter.write(dir, summary);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (String field : List.of("cpus", "gitSha", "pgVersion", "pgFsync", "pgSynchronousCommit", "raftLogSync",
                "nodes", "accounts", "seed", "machineBefore")) {
            assertTrue(json.path("environment").has(field), field);
        }
        JsonNode run = json.path("runs").get(0);
        for (String field : List.of("mode", "scenario", "model", "durationS", "committedPerSec", "rejectedPerSec",
                "p50Ms", "p95Ms", "p99Ms", "maxMs", "errorsByStatus", "conflicts", "retries", "driverCpuPercent",
                "machine", "clients", "cpuMsPerTransfer", "cpu")) {
            assertTrue(run.has(field), field);
        }
        assertEquals("postgres", run.path("cpu").get(1).path("group").asText());
        assertEquals(0.12, run.path("cpu").get(1).path("msPerTransfer").asDouble());
        for (String field : List.of("ok", "moneyConserved", "noNegative", "entriesMatch", "keysOnce")) {
            assertTrue(run.path("audit").has(field), field);
        }
        assertEquals(1500.0, json.path("baselines").get(0).path("committedPerSec").asDouble());
        assertEquals(9000.0, json.path("baselines").get(1).path("requestsPerSec").asDouble());

        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| raft | hot | closed | 2500 |"), report);
        assertTrue(report.contains("| 503:4 |"), report);
        assertTrue(report.contains("FAILED"), "a broken audit is shown: " + report);
        assertTrue(report.contains("fsync=off"), report);
        assertTrue(report.contains("| 0.420 | 12 | 3.1 | 1.5 | clean |"),
                "CPU per transfer, the driver's CPU and the load per run: " + report);
        assertTrue(report.contains("| - | 3 | - | - | FAILED |"), "no load or CPU where it could not be read: "
                + report);
        assertTrue(report.contains("| mode | scenario | nodes | postgres | driver | system under test | jit |"),
                report);
        assertTrue(report.contains("| raft | hot | 0.300 (0.75) | 0.120 (0.30) | 0.050 (0.12) | 0.420 | 0.010 |"),
                "CPU by process group: " + report);
        assertTrue(report.contains("load average 0.4, CPU 3% busy, 0.0% stolen"), report);
        assertTrue(report.contains("quiet: raft 140 s, pessimistic 300 s (compilers still busy"), report);
        assertEquals(300.0, json.path("warmups").get(1).path("seconds").asDouble());
        assertTrue(report.contains("ceiling (http-noop) is 3.6x the best committed/s"), report);
        assertTrue(report.contains("| raft hot / pessimistic hot | 8.33x | at least 5x |"), report);
        assertTrue(report.contains("| raft hot p99 / pessimistic hot p99 | 0.10x | below 1x |"), report);
        assertTrue(!report.contains("raft uniform /"), "no ratio without its run: " + report);
        assertEquals(String.join("\n", "mode,scenario,second,committed,p99_ms,errors", "raft,hot,1,2400,11.5,0",
                "raft,hot,2,2600,13.5,0", "pessimistic,hot,1,0,0.0,4", "pessimistic,hot,2,600,120.0,0", ""),
                Files.readString(dir.resolve("timeseries.csv")));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("://"),
                "nothing to fetch: the only URL is the SVG namespace");
        assertEquals(3, html.split("class=\"timeseries\"", -1).length - 1, "committed, p99, errors for hot");
        assertTrue(html.contains("<polyline data-mode=\"pessimistic\""), html);
        assertTrue(html.contains("<td class=\"bad\">FAILED</td>"), html);
        assertTrue(html.contains("<td>raft hot / pessimistic hot</td><td class=\"num\">8.33x</td>"), html);
        String chart = Files.readString(dir.resolve("chart.svg"));
        assertTrue(chart.startsWith("<svg") && chart.contains("pessimistic") && chart.trim().endsWith("</svg>"));
    }

    /** The elected writer of the zookeeper mode is held to raft's goals, beside raft's. */
    @Test
    void bothSingleWritersAreHeldToTheSameGoals() {
        var summary = new Summary(
                new Summary.Environment(2, "abc123", "17.11", "off", "off", true, 3, 10_000, 42, 32, "20261202",
                        null),
                List.of(),
                List.of(hotRun("zookeeper", 3000, 20), hotRun("raft", 1500, 40), hotRun("pessimistic", 300, 200)),
                List.of());

        assertEquals(List.of("raft hot / pessimistic hot: 5.0 (at least 5x)",
                        "raft hot p99 / pessimistic hot p99: 0.2 (below 1x)",
                        "zookeeper hot / pessimistic hot: 10.0 (at least 5x)",
                        "zookeeper hot p99 / pessimistic hot p99: 0.1 (below 1x)"),
                ReportWriter.ratios(summary).stream()
                        .map(ratio -> ratio.what() + ": " + ratio.value() + " (" + ratio.goal() + ")").toList());
    }

    private static Summary.Run hotRun(String mode, double committedPerSec, double p99Ms) {
        return new Summary.Run(mode, "hot", "closed", "leader-aware", 20, committedPerSec, 0, p99Ms / 4, p99Ms / 2,
                p99Ms, p99Ms * 2, Map.of(), 0, 0, 0, 0, 0, 0, 10.0, null, null, List.of(), null,
                new Summary.Audit(true, true, true, true, true, true), List.of());
    }
}
