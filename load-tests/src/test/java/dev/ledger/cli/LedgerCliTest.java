package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.ClusterState;
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
        return new LedgerCli(new LedgerHome(home)).run(List.of(args));
    }

    private void assertOutputContains(String expected) {
        String text = output.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in: " + text);
    }

    @Test
    void badUsageExitsWithTwoAndShowsTheUsage() {
        assertEquals(LedgerCli.EXIT_USAGE, run());
        assertOutputContains("usage: ./ledger");
        assertEquals(LedgerCli.EXIT_USAGE, run("start"));
        assertOutputContains("unknown command 'start'");
        assertEquals(LedgerCli.EXIT_USAGE, run("status", "--verbose"));
        assertOutputContains("status takes no options");
        assertEquals(LedgerCli.EXIT_USAGE, run("up"));
        assertOutputContains("up needs --mode");
    }

    @Test
    void compareRefusesABadOption() {
        assertEquals(LedgerCli.EXIT_USAGE, run("compare", "--modes", "eventual"));
        assertOutputContains("bad value for --modes: eventual");
    }

    @Test
    void helpSucceeds() {
        assertEquals(LedgerCli.EXIT_OK, run("help"));
        assertOutputContains("kill-leader");
    }

    @Test
    void withoutAClusterStatusAndKillLeaderFailButDownHasNothingToDo() {
        assertEquals(LedgerCli.EXIT_FAILED, run("status"));
        assertOutputContains("no cluster running");
        assertEquals(LedgerCli.EXIT_FAILED, run("kill-leader"));
        assertOutputContains("no cluster running");
        assertEquals(LedgerCli.EXIT_OK, run("down"));
        assertOutputContains("nothing to stop");
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
        Process exited = new ProcessBuilder(Processes.javaExecutable(), "-version").start();
        RecordedProcess gone = RecordedProcess.of(exited.toHandle());
        exited.waitFor();
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
                false);
    }
}
