package dev.ledger.k8s;

import static dev.ledger.k8s.Rendering.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The PostgreSQL that every overlay brings is the one the ledger's settings point at, with the same account. */
class BundledPostgresTest {

    @ParameterizedTest
    @MethodSource("dev.ledger.k8s.OverlayTest#overlays")
    void ledgerSecretPointsAtTheBundledDatabase(String overlay) {
        Rendering rendering = Rendering.of("overlays/" + overlay);
        Map<String, String> ledger = rendering.env(rendering.ledgerContainer());
        Rendering.Workload postgres = rendering.workload("ledger-postgres");
        Container server = postgres.container("postgres");
        Map<String, String> serverEnv = rendering.env(server);
        // jdbc:postgresql://host:port/database
        URI url = URI.create(ledger.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
        Service service = rendering.one(Service.class, url.getHost());

        assertEquals("postgres:17", server.getImage());
        // A parameter in the URL would override the socket timeout and TCP keep-alive the service adds to it.
        assertNull(url.getQuery(), "the URL sets connection properties of its own");
        assertTrue(selects(service.getSpec().getSelector(), postgres.podLabels()));
        assertEquals(url.getPort(), service.getSpec().getPorts().get(0).getPort());
        assertEquals("/" + serverEnv.get("POSTGRES_DB"), url.getPath());
        assertEquals(ledger.get("QUARKUS_DATASOURCE_USERNAME"), serverEnv.get("POSTGRES_USER"));
        assertEquals(ledger.get("QUARKUS_DATASOURCE_PASSWORD"), serverEnv.get("POSTGRES_PASSWORD"));
        assertTrue(server.getVolumeMounts().stream().anyMatch(mount -> serverEnv.get("PGDATA")
                .startsWith(mount.getMountPath() + "/")), "the data is not on the volume");
    }
}
