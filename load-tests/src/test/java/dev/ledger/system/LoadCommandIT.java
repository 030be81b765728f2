package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cli.LedgerCli;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.contract.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ledger load} against a raft cluster it did not start, through the command line, as a user runs it against
 * a {@code ./ledger up}: its own accounts through the API, leader-aware clients, the audit after each scenario, and
 * the same report as a comparison's.
 */
class LoadCommandIT {

    private static final int BASE_PORT = 20081;

    @Test
    void loadsARunningClusterAndWritesTheReportWithTheAudit(@TempDir Path reports) throws Exception {
        try (TestCluster cluster = new TestCluster(LoadCommandIT.class.getSimpleName(), Mode.RAFT,
                BASE_PORT)) {
            cluster.start();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream console = System.out;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int exitCode;
            try {
                exitCode = LedgerCli.run(new LedgerHome(reports), "load", "--urls", String.join(",", cluster.urls()),
                        "--routing", "leader", "--scenarios", "uniform,zipf-2", "--duration", "3s", "--warmup", "2s",
                        "--accounts", "100", "--clients", "8");
            } finally {
                System.setOut(console);
            }
            String output = printed.toString(StandardCharsets.UTF_8);
            System.out.print(output);
            List<String> lines = output.lines().toList();
            JsonNode verdict = Json.MAPPER.readTree(lines.get(lines.size() - 1));
            assertEquals(0, exitCode, output);
            assertTrue(verdict.path("ok").asBoolean(), verdict.toString());
            JsonNode summary = Json.MAPPER.readTree(reports.resolve(verdict.path("report").asText())
                    .resolve("summary.json").toFile());
            JsonNode runs = summary.path("runs");
            assertEquals(2, runs.size(), runs.toString());
            for (JsonNode run : runs) {
                assertEquals("raft", run.path("mode").asText());
                assertEquals("external", run.path("regime").asText());
                assertEquals("leader-aware", run.path("clients").asText());
                assertTrue(run.path("committedPerSec").asDouble() > 0, run.toString());
                assertTrue(run.path("audit").path("ok").asBoolean(), run.path("audit").toString());
            }
            assertEquals("raft", summary.path("verdict").get(0).path("winner").asText());
        }
    }
}
