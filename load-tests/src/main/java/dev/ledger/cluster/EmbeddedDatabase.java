package dev.ledger.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The cluster's PostgreSQL when none is configured: one zonky embedded PostgreSQL 17 started by the
 * supervisor. Its data directory is kept, so accounts survive {@code down} and the next {@code up}.
 * Zonky runs it with fsync and synchronous_commit off: fine for a demo, not a durable setup.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final int PREFERRED_PORT = 54329;
    /** Server start-up on a busy two-core machine (after initdb, on a first run); zonky's 10 s is tight. */
    public static final int STARTUP_TIMEOUT_SECONDS = 60;
    private static final int LOG_TAIL_LINES = 30;
    /** Zonky's initdb creates this superuser with trust authentication ... */
    private static final String SUPERUSER = "postgres";
    /** ... so the password is never checked; the nodes just need one to be configured. */
    private static final String PASSWORD = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** What zonky turns off for speed, and a durable database needs on. */
    private static final List<String> DURABLE_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    /** {@code isolated}: also reachable from the nodes' namespaces ({@link IsolatedNetwork}). */
    static EmbeddedDatabase start(LedgerHome home, DatabaseName name, boolean durable, boolean isolated) {
        return start(home, name, Loopback.freePortPreferring(name.preferredPort()), durable, isolated);
    }

    /**
     * On a given port (a restarted server must be where the nodes' connection URL points); {@code durable}: with
     * every setting zonky turns off for speed turned on again, so that each commit is synced to disk.
     */
    static EmbeddedDatabase start(LedgerHome home, DatabaseName name, int port, boolean durable, boolean isolated) {
        Path dataDirectory = home.postgresDataDir(name);
        Path log = home.postgresLog(name);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (durable) {
                DURABLE_SETTINGS.forEach(setting -> builder.setServerConfig(setting, "on"));
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDirectory)
                    // Zonky runs initdb only when the directory has no postgresql.conf yet, so this
                    // reuses the data of the previous run.
                    .setCleanDataDirectory(false)
                    // The supervisor closes it after the nodes have stopped; zonky's own hook would
                    // pull the database from under nodes that are still shutting down.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", isolated
                            ? Loopback.ADDRESS + "," + IsolatedNetwork.HOST_ADDRESS : Loopback.ADDRESS)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(STARTUP_TIMEOUT_SECONDS))
                    // The server outlives pg_ctl and must not write into a pipe the JVM may close.
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            if (isolated) {
                allowNodeNamespaces(postgres, dataDirectory);
            }
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailedException("embedded PostgreSQL did not start: " + e.getMessage()
                    + System.lineSeparator() + LogTail.describe(home, log, LOG_TAIL_LINES));
        }
    }

    /**
     * initdb trusts only loopback clients; the nodes of an isolated cluster come from the namespaces' subnet. Added
     * once to pg_hba.conf, which the data directory keeps, and reloaded.
     */
    private static void allowNodeNamespaces(EmbeddedPostgres postgres, Path dataDirectory)
            throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        String rule = "host all all " + IsolatedNetwork.SUBNET + " trust";
        if (Files.readAllLines(hba).stream().noneMatch(line -> line.strip().equals(rule))) {
            Files.writeString(hba, System.lineSeparator() + rule + System.lineSeparator(),
                    StandardOpenOption.APPEND);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement reload = connection.createStatement()) {
            reload.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not reload pg_hba.conf", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** Where the nodes connect: on loopback, or on the host's address in an {@link IsolatedNetwork}. */
    DatabaseConnection connection(String host) {
        String jdbcUrl = "jdbc:postgresql://" + host + ":" + postgres.getPort() + "/" + DATABASE;
        return new DatabaseConnection(jdbcUrl, SUPERUSER, PASSWORD);
    }

    /**
     * The postmaster, which pg_ctl started as a daemon (so it is not a child of this JVM): its PID is
     * the first line of postmaster.pid.
     */
    RecordedProcess postmaster() throws IOException {
        String pidLine = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
        long pid = Long.parseLong(pidLine);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("the PostgreSQL postmaster (pid " + pid + ") is gone"));
        return RecordedProcess.of(process);
    }

    /** Stops PostgreSQL ({@code pg_ctl stop -m fast}, bounded by zonky) and keeps its data. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
