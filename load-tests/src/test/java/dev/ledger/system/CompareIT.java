package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cli.CompareCommand;
import dev.ledger.cli.CompareOptions;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long {@code ./ledger compare} of all four modes: it must write the report in its documented shape,
 * every mode must commit transfers, and every audit must be clean. The figures of so short a run mean nothing.
 */
class CompareIT {

    @Test
    void aShortComparisonOfEveryModeWritesTheReportAndEveryAuditIsClean(@TempDir Path home) throws Exception {
        CompareOptions options = CompareOptions.parse(List.of("--duration", "3s", "--warmup", "1s",
                "--scenarios", "uniform,hot,retry", "--accounts", "200", "--nodes", "1", "--clients", "8",
                "--base-port", "28081"));
        Path report = new CompareCommand(new LedgerHome(home)).run(options);

        JsonNode summary = Json.MAPPER.readTree(report.resolve("summary.json").toFile());
        for (String field : List.of("cpus", "gitSha", "pgVersion", "pgFsync", "pgSynchronousCommit", "raftLogSync",
                "nodes", "accounts", "seed")) {
            assertTrue(summary.path("environment").has(field), "environment." + field);
        }
        assertEquals("off", summary.path("environment").path("pgFsync").asText());
        JsonNode runs = summary.path("runs");
        assertEquals(4 * 3, runs.size());
        for (JsonNode run : runs) {
            String name = run.path("mode").asText() + "/" + run.path("scenario").asText();
            assertTrue(run.path("committedPerSec").asDouble() > 0, name + " committed nothing");
            assertTrue(run.path("audit").path("ok").asBoolean(), name + " audit: " + run.path("audit"));
            assertEquals(0, run.path("replayMismatches").asLong(), name + " replays");
            assertTrue(run.path("p99Ms").asDouble() >= run.path("p50Ms").asDouble(), name + " percentiles");
        }
        assertEquals(List.of("raft", "pessimistic", "optimistic", "idempotent"),
                runs.findValuesAsText("mode").stream().distinct().toList());
        JsonNode baselines = summary.path("baselines");
        assertEquals(List.of("jdbc-transfer", "jdbc-optimistic", "jdbc-idempotent", "http-noop"),
                baselines.findValuesAsText("name"));
        for (JsonNode baseline : baselines) {
            // each has one figure, the other is null (0 here)
            assertTrue(baseline.path("committedPerSec").asDouble() + baseline.path("requestsPerSec").asDouble() > 0,
                    baseline.toString());
        }
        String markdown = Files.readString(report.resolve("report.md"));
        assertTrue(markdown.contains("| raft | hot | closed |"), markdown);
        assertTrue(markdown.contains("| optimistic uniform / jdbc-optimistic |"), markdown);
        assertTrue(markdown.contains("The machine before the run"), markdown);
        assertTrue(Files.readString(report.resolve("chart.svg")).contains("<svg"));
    }
}
