package dev.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mode is checked in main, before an embedded PostgreSQL starts and the migrations run. */
class LedgerMainTest {

    @Test
    void aMissingModeIsOneLineNamingTheVariableAndTheValidValues(@TempDir Path empty) {
        Optional<String> problem = LedgerMain.modeProblem(new Properties(), Map.of(), empty);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().startsWith("ledger.mode (env LEDGER_MODE) is not set; valid values: "), problem.get());
        assertTrue(problem.get().contains("zookeeper") && !problem.get().contains("\n"), problem.get());
    }

    @Test
    void aWrongModeIsSaidAndARightOneFromTheEnvironmentOrAPropertyPasses(@TempDir Path empty) {
        assertTrue(LedgerMain.modeProblem(new Properties(), Map.of("LEDGER_MODE", "eventual"), empty).get()
                .contains("is 'eventual'"));
        assertEquals(Optional.empty(), LedgerMain.modeProblem(new Properties(), Map.of("LEDGER_MODE", "raft"), empty));
        Properties system = new Properties();
        system.setProperty("ledger.mode", "idempotent");
        assertEquals(Optional.empty(), LedgerMain.modeProblem(system, Map.of("LEDGER_MODE", "eventual"), empty),
                "a system property wins over the environment, as in Quarkus");
    }

    @Test
    void aConfigFileInTheWorkingDirectoryMaySetItAndIsLeftToQuarkus(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve(".env"), "LEDGER_MODE=raft\n");
        assertEquals(Optional.empty(), LedgerMain.modeProblem(new Properties(), Map.of(), directory));
    }
}
