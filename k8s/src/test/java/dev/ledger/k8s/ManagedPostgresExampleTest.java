package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** examples/managed-postgres: the raft overlay without the bundled PostgreSQL, reading a Secret made beside it. */
class ManagedPostgresExampleTest {

    private final Rendering example = Rendering.of("examples/managed-postgres");

    @Test
    void runsTheRaftGroupAlone() {
        assertEquals(List.of("StatefulSet ledger"),
                example.workloads().stream().map(Rendering.Workload::describe).toList());
        assertEquals("raft", example.env(example.ledgerContainer()).get("LEDGER_MODE"));
        // The only Secrets rendered are the raft group's, made from git-ignored files; no database credentials.
        assertTrue(example.all(Secret.class).stream().noneMatch(secret -> secret.getData().keySet().stream()
                .anyMatch(key -> key.startsWith("QUARKUS_DATASOURCE"))), "credentials would be in the repository");
    }

    @Test
    void readsTheSecretTheReadmeCreatesWithEverySettingTheBundledDatabaseGives() throws IOException {
        List<String> secrets = example.ledgerContainer().getEnvFrom().stream().map(EnvFromSource::getSecretRef)
                .filter(Objects::nonNull).map(ref -> ref.getName())
                .filter(name -> example.find(Secret.class, name).isEmpty()).toList();
        String readme = Files.readString(Rendering.k8sDir().resolve("README.md"));
        Rendering bundled = Rendering.of("overlays/raft");
        List<String> databaseSettings = bundled.env(bundled.ledgerContainer()).keySet().stream()
                .filter(name -> name.startsWith("QUARKUS_DATASOURCE_")).toList();

        // The one Secret made beside it; not generated, so its name carries no hash suffix.
        assertEquals(List.of("ledger-db"), secrets);
        assertTrue(readme.contains("create secret generic ledger-db"));
        assertEquals(3, databaseSettings.size(), databaseSettings.toString());
        for (String setting : databaseSettings) {
            assertTrue(readme.contains("--from-literal=" + setting + "="), "the README's secret lacks " + setting);
        }
        // A parameter in the URL would override the socket timeout and TCP keep-alive the service adds to it.
        Matcher url = Pattern.compile("QUARKUS_DATASOURCE_JDBC_URL=(\\S+)").matcher(readme);
        assertTrue(url.find());
        assertFalse(url.group(1).contains("?"), url.group(1));
    }
}
