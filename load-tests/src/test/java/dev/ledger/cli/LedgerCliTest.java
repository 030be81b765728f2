package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Processes;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.contract.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCliTest {

    @TempDir
    Path home;

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** A -Dledger.service.jar given to Maven reaches every test JVM; these tests mean their home's jar. */
    private final String originalServiceJar = System.clearProperty(LedgerHome.SERVICE_JAR_PROPERTY);

    @BeforeEach
    void captureOutput() {
        PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void restoreOutputAndServiceJar() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (originalServiceJar != null) {
            System.setProperty(LedgerHome.SERVICE_JAR_PROPERTY, originalServiceJar);
        }
    }

    private int run(String... args) {
        output.reset();
        return LedgerCli.run(new LedgerHome(home), args);
    }

    private void assertOutputContains(String expected) {
        String text = output.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in: " + text);
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhereToReadMore() {
        assertEquals(LedgerCli.EXIT_USAGE, run());
        assertOutputContains("Usage: ledger");
        assertEquals(LedgerCli.EXIT_USAGE, run("start"));
        assertOutputContains("ledger: Unmatched argument at index 0: 'start'");
        assertOutputContains("Try './ledger --help'");
        assertEquals(LedgerCli.EXIT_USAGE, run("status", "--verbose"));
        assertOutputContains("ledger status: Unknown option: '--verbose'");
        assertOutputContains("Try './ledger status --help'");
        assertEquals(LedgerCli.EXIT_USAGE, run("up"));
        assertOutputContains("Missing required option: '--mode=MODE'");
        assertEquals(LedgerCli.EXIT_USAGE, run("up", "--mode", "raft", "--nodes", "12"));
        assertOutputContains("ledger up: --nodes must be between 1 and 9");
        assertEquals(LedgerCli.EXIT_USAGE, run("pause-leader", "--seconds=61"));
        assertOutputContains("--seconds needs a whole number from 1 to 60");
        assertEquals(LedgerCli.EXIT_USAGE, run("partition", "--bridge", "--split", "1"));
        assertOutputContains("mutually exclusive");
        assertEquals(LedgerCli.EXIT_USAGE, run("partition"));
        assertOutputContains("Missing required argument");
    }

    @Test
    void compareRefusesBadValuesBeforeStartingAnything() {
        assertEquals(LedgerCli.EXIT_USAGE, run("compare", "--modes", "eventual"));
        assertOutputContains("Invalid value for option '--modes'");
        assertOutputContains("unknown mode 'eventual'");
        assertEquals(LedgerCli.EXIT_USAGE, run("compare", "--duration", "20"));
        assertOutputContains("'20' is not a duration (like 20s, 5m, 1m30s or 500ms)");
        assertEquals(LedgerCli.EXIT_USAGE, run("compare", "--accounts=5"));
        assertOutputContains("--accounts must be at least 11, not 5");
        assertEquals(LedgerCli.EXIT_USAGE, run("compare", "--regimes", "cloud"));
        assertOutputContains("'cloud' is not a regime (laptop|production)");
    }

    @Test
    void loadRefusesBadValuesBeforeLoadingAnything() {
        assertEquals(LedgerCli.EXIT_USAGE, run("load"));
        assertOutputContains("Missing required option: '--urls=URL'");
        assertEquals(LedgerCli.EXIT_USAGE, run("load", "--urls", "http://127.0.0.1:1", "--routing", "nearest"));
        assertOutputContains("--routing must be any or leader, not nearest");
    }

    @Test
    void everyCommandHasHelpAndTheToolAVersion() {
        for (String command : List.of("up", "status", "down", "kill-leader", "pause-leader", "restart", "partition",
                "heal", "compare", "load")) {
            assertEquals(LedgerCli.EXIT_OK, run(command, "--help"), command);
            assertOutputContains("Usage: ledger " + command);
        }
        assertEquals(LedgerCli.EXIT_OK, run("help", "compare"));
        assertOutputContains("--warmup=D");
        assertEquals(LedgerCli.EXIT_OK, run("--help"));
        assertOutputContains("kill-leader");
        assertEquals(LedgerCli.EXIT_OK, run("--version"));
        assertOutputContains("ledger ");
        assertOutputContains("Java " + Runtime.version().feature());
    }

    @Test
    void withoutAClusterStatusAndKillLeaderFailButDownHasNothingToDo() {
        assertEquals(LedgerCli.EXIT_FAILED, run("status"));
        assertOutputContains("no cluster running");
        assertEquals(LedgerCli.EXIT_FAILED, run("status", "--json"));
        assertEquals(LedgerCli.EXIT_FAILED, run("kill-leader"));
        assertOutputContains("no cluster running");
        assertEquals(LedgerCli.EXIT_FAILED, run("restart", "n1"));
        assertOutputContains("no cluster running");
        assertEquals(LedgerCli.EXIT_OK, run("down"));
        assertOutputContains("nothing to stop");
    }

    @Test
    void statusFailsWhenARecordedNodeIsDeadAndSaysSoInJson() throws Exception {
        LedgerHome ledgerHome = new LedgerHome(home);
        RecordedProcess gone = goneProcess();
        new ClusterState(Mode.PESSIMISTIC, RecordedProcess.of(ProcessHandle.current()),
                new ClusterState.DatabaseState("jdbc:postgresql://127.0.0.1:1/postgres", null, false),
                List.of(new ClusterState.NodeState("n1", "http://127.0.0.1:1", gone, "node.log")), false, null)
                .write(createClusterDir(ledgerHome));

        assertEquals(LedgerCli.EXIT_FAILED, run("status"));
        assertOutputContains("dead");
        assertEquals(LedgerCli.EXIT_FAILED, run("status", "--json"));
        JsonNode status = Json.MAPPER.readTree(output.toString(StandardCharsets.UTF_8));
        assertFalse(status.path("healthy").asBoolean());
        assertEquals("n1", status.path("nodes").path(0).path("id").asText());
        assertFalse(status.path("nodes").path(0).path("alive").asBoolean());
        assertTrue(status.path("supervisor").path("running").asBoolean());
    }

    @Test
    void statusShowsTheEnsembleAndFailsWhenAMemberIsGone() throws Exception {
        LedgerHome ledgerHome = new LedgerHome(home);
        RecordedProcess gone = goneProcess();
        RecordedProcess running = RecordedProcess.of(ProcessHandle.current());
        new ClusterState(Mode.ZOOKEEPER, running,
                new ClusterState.DatabaseState("jdbc:postgresql://127.0.0.1:1/postgres", null, false), List.of(),
                false, new ClusterState.ZooKeeperState("127.0.0.1:8282,127.0.0.1:8283", List.of(
                        new ClusterState.ZooKeeperMemberState("zk1", running, "zk1.log"),
                        new ClusterState.ZooKeeperMemberState("zk2", gone, "zk2.log"))))
                .write(createClusterDir(ledgerHome));

        assertEquals(LedgerCli.EXIT_FAILED, run("status"));
        assertOutputContains("zookeeper   127.0.0.1:8282,127.0.0.1:8283 (zk1 pid " + running.pid()
                + " running, zk2 pid " + gone.pid() + " gone)");
        assertEquals(LedgerCli.EXIT_FAILED, run("status", "--json"));
        JsonNode status = Json.MAPPER.readTree(output.toString(StandardCharsets.UTF_8));
        assertFalse(status.path("healthy").asBoolean());
        assertEquals("127.0.0.1:8282,127.0.0.1:8283", status.path("zookeeper").path("connectString").asText());
        assertTrue(status.path("zookeeper").path("members").path(0).path("process").path("running").asBoolean());
        assertEquals("zk2", status.path("zookeeper").path("members").path(1).path("id").asText());
        assertFalse(status.path("zookeeper").path("members").path(1).path("process").path("running").asBoolean());
    }

    @Test
    void statusWithoutAnEnsembleLeavesItOut() throws Exception {
        stateWithSupervisor(RecordedProcess.of(ProcessHandle.current())).write(createClusterDir(new LedgerHome(home)));

        assertEquals(LedgerCli.EXIT_OK, run("status", "--json"));
        JsonNode status = Json.MAPPER.readTree(output.toString(StandardCharsets.UTF_8));
        assertTrue(status.path("healthy").asBoolean());
        assertTrue(status.path("zookeeper").isMissingNode());
    }

    @Test
    void restartRefusesANodeItDoesNotKnowAndOneWhoseSupervisorIsGone() throws Exception {
        LedgerHome ledgerHome = new LedgerHome(home);
        RecordedProcess gone = goneProcess();
        new ClusterState(Mode.RAFT, gone,
                new ClusterState.DatabaseState("jdbc:postgresql://127.0.0.1:1/postgres", null, false),
                List.of(new ClusterState.NodeState("n1", "http://127.0.0.1:1", gone, "node.log")), false, null)
                .write(createClusterDir(ledgerHome));

        assertEquals(LedgerCli.EXIT_USAGE, run("restart", "n7"));
        assertOutputContains("there is no node n7; the nodes are [n1]");
        assertEquals(LedgerCli.EXIT_FAILED, run("restart", "n1"));
        assertOutputContains("the cluster's supervisor (pid " + gone.pid() + ", the process of ./ledger up) is gone");
    }

    @Test
    void killLeaderSaysWhetherTheModeHasNoLeaderOrNoNodeLeadsNow() throws IOException {
        LedgerHome ledgerHome = new LedgerHome(home);
        stateWithSupervisor(RecordedProcess.of(ProcessHandle.current())).write(createClusterDir(ledgerHome));

        assertEquals(LedgerCli.EXIT_FAILED, run("kill-leader"));
        assertOutputContains("the pessimistic mode has no leader");

        new ClusterState(Mode.ZOOKEEPER, RecordedProcess.of(ProcessHandle.current()),
                new ClusterState.DatabaseState("jdbc:postgresql://127.0.0.1:1/postgres", null, false), List.of(),
                false, null).write(ledgerHome.stateFile());
        assertEquals(LedgerCli.EXIT_FAILED, run("pause-leader"));
        assertOutputContains("no node reports itself leader now");
    }

    @Test
    void upRefusesWithoutABuiltService() {
        assertEquals(LedgerCli.EXIT_FAILED, run("up", "--mode", "pessimistic"));
        assertOutputContains("run ./mvnw -DskipTests package first");
    }

    @Test
    void upRefusesWhileARecordedProcessRuns() throws IOException {
        LedgerHome ledgerHome = new LedgerHome(home);
        stateWithSupervisor(RecordedProcess.of(ProcessHandle.current())).write(createClusterDir(ledgerHome));

        assertEquals(LedgerCli.EXIT_FAILED, run("up", "--mode", "pessimistic"));
        assertOutputContains("run ./ledger down first");
    }

    @Test
    void upForgetsAStateFileWhoseProcessesAreAllGone() throws IOException, InterruptedException {
        LedgerHome ledgerHome = new LedgerHome(home);
        RecordedProcess gone = goneProcess();
        stateWithSupervisor(gone).write(createClusterDir(ledgerHome));

        run("up", "--mode", "pessimistic");

        assertOutputContains("run ./mvnw -DskipTests package first");
        assertFalse(Files.exists(ledgerHome.stateFile()));
    }

    private static Path createClusterDir(LedgerHome ledgerHome) throws IOException {
        Files.createDirectories(ledgerHome.clusterDir());
        return ledgerHome.stateFile();
    }

    private static ClusterState stateWithSupervisor(RecordedProcess supervisor) {
        return new ClusterState(Mode.PESSIMISTIC, supervisor,
                new ClusterState.DatabaseState("jdbc:postgresql://127.0.0.1:1/postgres", null, false), List.of(),
                false, null);
    }

    /** A process that ran and has ended, as the state file records one. */
    private static RecordedProcess goneProcess() throws IOException, InterruptedException {
        Process exited = new ProcessBuilder(Processes.javaExecutable(), "-version").start();
        RecordedProcess gone = RecordedProcess.of(exited.toHandle());
        exited.waitFor();
        return gone;
    }
}
