package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cli.LedgerCli;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A seconds-long {@code ./ledger compare} of all six modes (the default list, and the workflow mode) in both regimes
 * (the default ones, the production regime's round trip through the relay), through the command line: it must write
 * the report in its documented shape, verdict first, every mode must commit transfers, every audit must be clean,
 * every relay's round trip within its tolerance, the workflow mode's share of transfers across its shards must be
 * stated, and its last line must be the verdict with exit code 0; its report.html, opened in headless Chromium, must
 * draw every run. The figures of so short a run mean nothing.
 */
class CompareIT {

    private static final List<String> MODES = List.of("raft", "zookeeper", "pessimistic", "optimistic", "idempotent",
            "workflow");
    /** Uniform and zipf-2 in each regime, production first, retry in the last one. */
    private static final List<String> GROUPS = List.of("uniform (production)", "zipf-2 (production)",
            "uniform (laptop)", "zipf-2 (laptop)", "retry (laptop)");
    /** Raft and zookeeper run laptop uniform twice: with leader-aware clients, and with clients on any node. */
    private static final int LEADER_MODES = 2;
    private static final int RUNS = MODES.size() * GROUPS.size() + LEADER_MODES;
    private static final String RTT = "2ms";

    @TempDir
    static Path home;
    private static JsonNode verdict;
    private static int exitCode;
    private static Path report;

    @BeforeAll
    static void compare() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(console, printed), true, StandardCharsets.UTF_8));
        try {
            exitCode = LedgerCli.run(new LedgerHome(home), "compare", "--modes", String.join(",", MODES),
                    "--duration=3s", "--warmup", "1s",
                    "--scenarios", "uniform,zipf-2,retry", "--rtt", RTT, "--accounts", "200", "--nodes", "1",
                    "--clients", "8", "--base-port", "28081", "--baselines");
        } finally {
            System.setOut(console);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        verdict = Json.MAPPER.readTree(lines.get(lines.size() - 1));
        report = home.resolve(verdict.path("report").asText());
    }

    @Test
    void aShortComparisonOfEveryModeInBothRegimesWritesTheReportAndEveryAuditIsClean() throws Exception {
        assertEquals(0, exitCode, "exit code; verdict: " + verdict);
        assertTrue(verdict.path("ok").asBoolean(), verdict.toString());
        assertEquals(0, verdict.path("relaysOff").asInt(), verdict.toString());
        assertEquals(RUNS, verdict.path("runs").asInt(), verdict.toString());
        JsonNode summary = Json.MAPPER.readTree(report.resolve("summary.json").toFile());
        assertEquals("verdict", summary.fieldNames().next(), "the verdict first");
        assertEquals(GROUPS.size(), summary.path("verdict").size(), "one verdict per regime and scenario");
        for (String field : List.of("cpus", "gitSha", "pgVersion", "raftLogSync", "nodes", "accounts", "seed")) {
            assertTrue(summary.path("environment").has(field), "environment." + field);
        }
        JsonNode regimes = summary.path("regimes");
        assertEquals("on", regimes.get(0).path("pgFsync").asText(), "production is durable: " + regimes);
        assertEquals("on", regimes.get(0).path("pgSynchronousCommit").asText(), "production is durable: " + regimes);
        assertEquals("off", regimes.get(1).path("pgFsync").asText(), "laptop: " + regimes);
        assertEquals("relay", regimes.get(0).path("databaseLink").asText(), "production: " + regimes);
        assertEquals("straight", regimes.get(1).path("databaseLink").asText(), "laptop, no relay: " + regimes);
        JsonNode runs = summary.path("runs");
        assertEquals(RUNS, runs.size());
        for (JsonNode run : runs) {
            String name = run.path("mode").asText() + "/" + run.path("regime").asText() + "/"
                    + run.path("scenario").asText();
            assertTrue(run.path("committedPerSec").asDouble() > 0, name + " committed nothing");
            assertTrue(run.path("cpuMsPerTransfer").asDouble() > 0, name + " CPU per transfer: " + run);
            assertTrue(run.path("audit").path("ok").asBoolean(), name + " audit: " + run.path("audit"));
            assertEquals(0, run.path("replayMismatches").asLong(), name + " replays");
            assertTrue(run.path("p99Ms").asDouble() >= run.path("p50Ms").asDouble(), name + " percentiles");
            double set = "production".equals(run.path("regime").asText()) ? 2.0 : 0.0;
            assertEquals(set, run.path("relay").path("rttMs").asDouble(), name + " relay: " + run.path("relay"));
            assertEquals(set, run.path("relay").path("measuredMs").asDouble(), set == 0 ? 0.2 : set * 0.1,
                    name + " relay's measured round trip: " + run.path("relay"));
            JsonNode crossShard = run.path("crossShardShare");
            if (!"workflow".equals(run.path("mode").asText())) {
                assertTrue(crossShard.isNull(), name + " has no shards: " + crossShard);
            } else if ("uniform".equals(run.path("scenario").asText())) {
                // 200 accounts, two shards: about half of uniform pairs cross them.
                assertEquals(0.5, crossShard.asDouble(), 0.15, name + " share of transfers across shards");
            }
        }
        assertEquals(MODES, runs.findValuesAsText("mode").stream().distinct().toList());
        JsonNode baselines = summary.path("baselines");
        assertEquals(List.of("jdbc-transfer", "jdbc-optimistic", "jdbc-idempotent", "http-noop"),
                baselines.findValuesAsText("name"));
        for (JsonNode baseline : baselines) {
            // each has one figure, the other is null (0 here)
            assertTrue(baseline.path("committedPerSec").asDouble() + baseline.path("requestsPerSec").asDouble() > 0,
                    baseline.toString());
        }
        String markdown = Files.readString(report.resolve("report.md"));
        assertTrue(markdown.contains("| production | zipf-2 | **"), markdown);
        assertTrue(markdown.contains("| raft | production | zipf-2 | closed |"), markdown);
        assertTrue(markdown.contains("| zookeeper (any node) | laptop | uniform | closed |"), markdown);
        assertTrue(markdown.contains("CPU per committed transfer, ms, by process group"), markdown);
        assertTrue(markdown.contains("| relay |"), "the relay's CPU apart: " + markdown);
        assertTrue(markdown.contains("`workflow` splits the accounts over two PostgreSQL databases"),
                "what the workflow mode's figures stand for: " + markdown);
        assertTrue(markdown.contains("The machine before the run"), markdown);
        assertTrue(Files.readString(report.resolve("chart.svg")).contains("<svg"));
        List<String> timeseries = Files.readAllLines(report.resolve("timeseries.csv"));
        assertEquals("mode,regime,scenario,second,committed,p99_ms,errors", timeseries.get(0));
        assertTrue(timeseries.size() > RUNS,
                "a row per second of each of the " + RUNS + " runs: " + timeseries.size());
    }

    /** report.html opened from disk, as a user would double-click it: the table and every run's charts are drawn. */
    @Test
    void theHtmlReportShowsTheTableAndEveryRunSecondBySecondInABrowser() throws Exception {
        HeadlessChromium.requireInstalled(CompareIT.class.getSimpleName());
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(report.resolve("report.html").toUri().toString());
            assertEquals(GROUPS.size(), browser.findElements(By.cssSelector("#verdict tr td:first-child")).size(),
                    "the verdict");
            assertEquals(RUNS, browser.findElements(By.cssSelector("#runs tr td:first-child")).size(), "runs");
            assertTrue(browser.findElements(By.cssSelector("svg rect title")).size() >= RUNS, "the bars");
            List<WebElement> charts = browser.findElements(By.cssSelector("svg.timeseries"));
            assertEquals(3 * GROUPS.size(), charts.size(), "committed/s, p99 and errors for each scenario and regime");
            for (WebElement chart : charts) {
                List<WebElement> lines = chart.findElements(By.cssSelector("polyline"));
                int runs = "uniform (laptop)".equals(chart.getAttribute("data-scenario"))
                        ? MODES.size() + LEADER_MODES : MODES.size();
                assertEquals(runs, lines.size(), "a line per run in " + chart.getAttribute("data-scenario") + " "
                        + chart.getAttribute("data-metric"));
                for (WebElement line : lines) {
                    assertTrue(line.getAttribute("points").split(" ").length >= 2, "a line of at least two seconds");
                    assertTrue(line.getSize().getWidth() > 100, "drawn across the chart: " + line.getSize());
                }
            }
            Files.write(HeadlessChromium.targetDir().resolve("report-html.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** What the run prints goes to the console as usual, and is kept for the test. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
