package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Processes;
import dev.ledger.contract.NodeEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built service jar, started as a user would, without a mode: one line and exit 78, before any database work. */
class ServiceStartIT {

    private static final int EXIT_CONFIGURATION = 78;

    @Test
    void aNodeWithoutAModeSaysSoInOneLineBeforeStartingPostgreSql(@TempDir Path workingDirectory) throws Exception {
        ProcessBuilder start = new ProcessBuilder(Processes.javaExecutable(), "-jar",
                System.getProperty(LedgerHome.SERVICE_JAR_PROPERTY)).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        start.environment().remove(NodeEnvironment.MODE);
        start.environment().remove(NodeEnvironment.JDBC_URL);
        Process node = start.start();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not exit");
        List<String> output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();

        assertEquals(EXIT_CONFIGURATION, node.exitValue(), String.join("\n", output));
        assertEquals(1, output.size(), "one line: " + output);
        assertTrue(output.get(0).startsWith("ledger.mode (env LEDGER_MODE) is not set; valid values: "), output.get(0));
        assertFalse(Files.exists(workingDirectory.resolve(".ledger")), "no embedded PostgreSQL was started");
    }
}
