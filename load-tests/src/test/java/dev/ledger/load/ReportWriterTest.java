package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static final Summary.Audit CLEAN = new Summary.Audit(true, true, true, true, true, true);
    private static final Summary.Environment ENVIRONMENT = new Summary.Environment(2, "abc123", "17.11", true, 3,
            10_000, 42, 32, "20261126", new MachineLoad(0.4, 3, 0));
    private static final List<Summary.RegimeFigures> REGIMES = List.of(
            new Summary.RegimeFigures("laptop", 0, false, "straight", "off", "off", 0.02),
            new Summary.RegimeFigures("production", 1, true, "relay", "on", "on", 1.5));

    @Test
    void writesTheSummaryInTheDocumentedShapeWithTheVerdictFirst(@TempDir Path dir) throws Exception {
        var summary = Summary.of(ENVIRONMENT, REGIMES,
                List.of(new Summary.Warmup("raft", 140, true), new Summary.Warmup("pessimistic", 300, false)),
                List.of(new Summary.Run("raft", "production", "zipf-2", "closed", "leader-aware", null, 20, 2500,
                                10, 5, 9, 12.5, 40, Map.of(), 0, 3, 0, 0, 0, 0, 12.0, new MachineLoad(3.1, 98, 1.5),
                                0.42,
                                List.of(new Summary.Cpu("nodes", 0.3, 0.01, 0.75), new Summary.Cpu("postgres", 0.12,
                                        0, 0.3), new Summary.Cpu("driver", 0.05, 0, 0.12)),
                                new Summary.Relay(1.0, 1.02), CLEAN,
                                List.of(new Summary.Second(1, 2400, 11.5, 0), new Summary.Second(2, 2600, 13.5, 0))),
                        new Summary.Run("pessimistic", "production", "zipf-2", "closed", "any node", null, 20, 300,
                                2, 50, 90, 120, 400, Map.of("503", 4L), 0, 4, 0, 0, 0, 0, 3.0, null, null, List.of(),
                                new Summary.Relay(1.0, 0.99), new Summary.Audit(false, true, true, false, true, true),
                                List.of(new Summary.Second(1, 0, 0, 4), new Summary.Second(2, 600, 120.0, 0)))),
                List.of(new Summary.Baseline("jdbc-transfer", 1500.0, null),
                        new Summary.Baseline("http-noop", null, 9000.0)));
        ReportWriter.write(dir, summary);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("verdict", json.fieldNames().next(), "the verdict comes first");
        JsonNode verdict = json.path("verdict").get(0);
        assertEquals("production", verdict.path("regime").asText());
        assertEquals("raft", verdict.path("winner").asText());
        assertEquals(8.33, verdict.path("ratioToRunnerUp").asDouble());
        JsonNode pessimistic = verdict.path("modes").get(1);
        assertTrue(pessimistic.path("lockModelPerSec").asDouble() > 0, "a locking mode's model: " + pessimistic);
        assertTrue(verdict.path("modes").get(0).path("lockModelPerSec").isNull(), "a single writer has no lock");
        for (String field : List.of("cpus", "gitSha", "pgVersion", "raftLogSync", "nodes", "accounts", "seed",
                "machineBefore")) {
            assertTrue(json.path("environment").has(field), field);
        }
        assertEquals("on", json.path("regimes").get(1).path("pgFsync").asText());
        JsonNode run = json.path("runs").get(0);
        for (String field : List.of("mode", "regime", "scenario", "model", "durationS", "committedPerSec",
                "rejectedPerSec", "p50Ms", "p95Ms", "p99Ms", "maxMs", "errorsByStatus", "conflicts", "retries",
                "driverCpuPercent", "machine", "clients", "cpuMsPerTransfer", "cpu", "relay")) {
            assertTrue(run.has(field), field);
        }
        assertEquals("postgres", run.path("cpu").get(1).path("group").asText());
        assertEquals(0.12, run.path("cpu").get(1).path("msPerTransfer").asDouble());
        assertEquals(1.02, run.path("relay").path("measuredMs").asDouble());
        for (String field : List.of("ok", "moneyConserved", "noNegative", "entriesMatch", "keysOnce")) {
            assertTrue(run.path("audit").has(field), field);
        }
        assertEquals(1500.0, json.path("baselines").get(0).path("committedPerSec").asDouble());
        assertEquals(9000.0, json.path("baselines").get(1).path("requestsPerSec").asDouble());
        assertEquals(300.0, json.path("warmups").get(1).path("seconds").asDouble());

        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.indexOf("## Verdict") < report.indexOf("## Runs"), "the verdict first: " + report);
        assertTrue(report.contains("| production | zipf-2 | **raft** | 8.33x | 2500/s, p99 12.5 ms, 0.420 ms cpu |"
                + " 300/s, p99 120.0 ms, lock model "), report);
        assertTrue(report.contains("not that another strategy failed"), "what a ratio means: " + report);
        assertFalse(report.contains("goal"), "no project targets in a user's report: " + report);
        assertTrue(report.contains("`zipf-2`: both accounts drawn from a Zipf distribution"), "scenarios: " + report);
        assertTrue(report.contains("a round trip of 1.00 ms apart"), "regimes: " + report);
        assertTrue(report.contains("| raft | production | zipf-2 | closed | 2500 |"), report);
        assertTrue(report.contains("| 503:4 |"), report);
        assertTrue(report.contains("FAILED"), "a broken audit is shown: " + report);
        assertTrue(report.contains("| 0.420 | 12 | 3.1 | 1.5 | clean |"),
                "CPU per transfer, the driver's CPU and the load per run: " + report);
        assertTrue(report.contains("| - | 3 | - | - | FAILED |"), "no load or CPU where it could not be read: "
                + report);
        assertTrue(report.contains("| mode | regime | scenario | nodes | postgres | driver | system under test"
                + " | jit |"), report);
        assertTrue(report.contains("| raft | production | zipf-2 | 0.300 (0.75) | 0.120 (0.30) | 0.050 (0.12) | 0.420"
                + " | 0.010 |"), "CPU by process group: " + report);
        assertTrue(report.contains("load average 0.4, CPU 3% busy, 0.0% stolen"), report);
        assertTrue(report.contains("quiet: raft 140 s, pessimistic 300 s (compilers still busy"), report);
        assertTrue(report.contains("ceiling (http-noop) is 3.6x the best committed/s"), report);
        assertEquals(String.join("\n", "mode,regime,scenario,second,committed,p99_ms,errors",
                "raft,production,zipf-2,1,2400,11.5,0", "raft,production,zipf-2,2,2600,13.5,0",
                "pessimistic,production,zipf-2,1,0,0.0,4", "pessimistic,production,zipf-2,2,600,120.0,0", ""),
                Files.readString(dir.resolve("timeseries.csv")));

        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("://"),
                "nothing to fetch: the only URL is the SVG namespace");
        assertTrue(html.indexOf("id=\"verdict\"") < html.indexOf("id=\"runs\""), "the verdict first");
        for (String said : List.of("not that another strategy failed", "<code>p95</code>", "<code>retries</code>",
                "<code>conflicts</code>", "<code>steal %</code>", "Driver headroom", "comparing modes with each other",
                "<th class=\"num\">p95 ms</th>", "<th class=\"num\">conflicts</th>", "<th class=\"num\">load</th>")) {
            assertTrue(html.contains(said), "report.html says what report.md says: " + said);
        }
        assertEquals(3, html.split("class=\"timeseries\"", -1).length - 1, "committed, p99, errors for zipf-2");
        assertTrue(html.contains("<polyline data-mode=\"pessimistic\""), html);
        assertTrue(html.contains("<td class=\"bad\">FAILED</td>"), html);
        String chart = Files.readString(dir.resolve("chart.svg"));
        assertTrue(chart.startsWith("<svg") && chart.contains("pessimistic") && chart.trim().endsWith("</svg>"));
    }

    @Test
    void theVerdictTakesALeaderModeWithItsLeaderAwareClientsAndEachRegimeAndScenarioApart() {
        var summary = Summary.of(ENVIRONMENT, REGIMES, List.of(),
                List.of(run("raft", "laptop", "uniform", "leader-aware", 3000),
                        run("raft", "laptop", "uniform", "any node", 5000),
                        run("pessimistic", "laptop", "uniform", "any node", 1500),
                        run("raft", "production", "uniform", "leader-aware", 1000),
                        run("pessimistic", "production", "uniform", "any node", 2000)),
                List.of());

        assertEquals(2, summary.verdict().size());
        assertEquals("raft", summary.verdict().get(0).winner());
        assertEquals(2.0, summary.verdict().get(0).ratioToRunnerUp(), "the any-node run is detail, not a contender");
        assertEquals("pessimistic", summary.verdict().get(1).winner());
        assertNull(summary.verdict().get(1).modes().get(1).lockModelPerSec(), "uniform is not skewed: no model");
    }

    /**
     * The figures of a quick run (2026-12-04): pessimistic did 184/s on zipf-2 without delay, so its busiest row was
     * held 1 / (0.868 x 184) = 6.26 ms; two round trips of 1 ms more predict 139/s (it did 158/s).
     */
    @Test
    void theLockModelAddsTheRoundTripsHoldingTheRowToTheHoldMeasuredWithoutDelay() {
        var regimes = List.of(new Summary.RegimeFigures("production", 1, true, "relay", "on", "on", 0.05),
                new Summary.RegimeFigures("laptop", 0, false, "straight", "off", "off", 0.05));
        var summary = Summary.of(ENVIRONMENT, regimes, List.of(),
                List.of(withRelay(run("pessimistic", "production", "zipf-2", "any node", 158), 1.0),
                        withRelay(run("pessimistic", "laptop", "zipf-2", "any node", 184), 0.0)),
                List.of());

        double share = LockModel.busiestShare(Scenario.ZIPF_2, 10_000, 42);
        assertEquals(0.868, share, 0.01);
        double expected = 1000 / ((1000 / (share * 184) + 2 * 1.0) * share);
        assertEquals(expected, summary.verdict().get(0).modes().get(0).lockModelPerSec(), 0.1);
        assertEquals(139, expected, 2);
        assertNull(summary.verdict().get(1).modes().get(0).lockModelPerSec(), "no round trip, nothing to predict");
    }

    @Test
    void runsThatMetTheNodesRateLimitSaySoAndHowToLiftIt() {
        Summary.Run limited = new Summary.Run("raft", "external", "uniform", "closed", "leader-aware", null, 20,
                1400, 0, 1, 2, 3, 4, Map.of("429", 275_285L), 0, 0, 0, 0, 0, 0, 10.0, null, null, List.of(), null,
                CLEAN, List.of());
        var summary = Summary.of(ENVIRONMENT, List.of(), List.of(), List.of(limited), List.of());

        String note = ReportText.rateLimited(summary).orElseThrow();
        assertTrue(note.startsWith("275,285 answers were 429 (rate-limited)"), note);
        assertTrue(note.contains("LEDGER_HTTP_RATE_LIMIT_PER_CLIENT_PER_SECOND=0"), note);
        assertTrue(ReportText.notes(summary).contains(note), "in the report's notes");
        assertTrue(ReportText.rateLimited(Summary.of(ENVIRONMENT, List.of(), List.of(),
                List.of(run("raft", "external", "uniform", "leader-aware", 1400)), List.of())).isEmpty());
    }

    private static Summary.Run withRelay(Summary.Run run, double rttMs) {
        return new Summary.Run(run.mode(), run.regime(), run.scenario(), run.model(), run.clients(),
                run.crossShardShare(), run.durationS(), run.committedPerSec(), run.rejectedPerSec(), run.p50Ms(),
                run.p95Ms(), run.p99Ms(), run.maxMs(),
                run.errorsByStatus(), run.conflicts(), run.retries(), run.dropped(), run.unavailabilityMs(),
                run.replays(), run.replayMismatches(), run.driverCpuPercent(), run.machine(), run.cpuMsPerTransfer(),
                run.cpu(), new Summary.Relay(rttMs, rttMs), run.audit(), run.seconds());
    }

    private static Summary.Run run(String mode, String regime, String scenario, String clients,
            double committedPerSec) {
        return new Summary.Run(mode, regime, scenario, "closed", clients, null, 20, committedPerSec, 0, 1, 2, 3, 4,
                Map.of(), 0, 0, 0, 0, 0, 0, 10.0, null, null, List.of(), null, CLEAN, List.of());
    }
}
