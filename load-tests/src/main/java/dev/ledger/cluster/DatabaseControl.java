package dev.ledger.cluster;

import dev.ledger.cluster.ClusterState.DatabaseState;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's PostgreSQL as its launcher controls it: the embedded one it starts (or one given in its environment,
 * which it only connects the nodes to), restarted as a fault or for another regime, frozen and thawed. Not thread-safe:
 * {@link LocalCluster} calls it under its own lock.
 */
final class DatabaseControl {

    private final LedgerHome home;
    private final DatabaseName name;
    private final boolean isolated;
    private final PrintStream out;
    /** Null when the database is external. */
    private EmbeddedDatabase embedded;
    /** Where the nodes reach it, before any relay. */
    private DatabaseConnection connection;
    private boolean durable;
    /** Whether the nodes reach it through a relay now (see {@link #regime}); false without one. */
    private boolean relayed;
    /** The processes {@link #pause()} stopped. */
    private final List<ProcessHandle> paused = new ArrayList<>();

    private DatabaseControl(LedgerHome home, DatabaseName name, boolean isolated, boolean durable, PrintStream out) {
        this.home = home;
        this.name = name;
        this.isolated = isolated;
        this.durable = durable;
        this.out = out;
    }

    /**
     * The database of {@link NodeEnvironment#JDBC_URL} if the environment names one, else an embedded PostgreSQL
     * started with its data under {@code home}, syncing its commits if {@code durable}; {@code isolated}: reached from
     * the nodes' network namespaces.
     */
    static DatabaseControl start(LedgerHome home, boolean isolated, boolean durable, PrintStream out) {
        DatabaseControl control = new DatabaseControl(home, DatabaseName.MAIN, isolated, durable, out);
        Optional<DatabaseConnection> configured = DatabaseConnection.fromEnvironment(System.getenv());
        if (configured.isPresent() && isolated) {
            throw new CommandFailedException("--isolated runs with the embedded PostgreSQL, which it can reach from"
                    + " the nodes' namespaces; unset " + NodeEnvironment.JDBC_URL);
        }
        if (configured.isPresent()) {
            out.println("database " + configured.get().jdbcUrl() + " (from " + NodeEnvironment.JDBC_URL + ")");
            control.connection = configured.get();
            return control;
        }
        return control.startEmbedded();
    }

    /** The workflow mode's second shard: an embedded PostgreSQL beside the first, in the same regime. */
    static DatabaseControl startShard1(LedgerHome home, boolean isolated, boolean durable, PrintStream out) {
        return new DatabaseControl(home, DatabaseName.SHARD_1, isolated, durable, out).startEmbedded();
    }

    private DatabaseControl startEmbedded() {
        out.println("starting embedded PostgreSQL (data in " + home.display(home.postgresDataDir(name)) + ")");
        embedded = EmbeddedDatabase.start(home, name, durable, isolated);
        connection = embedded.connection(nodesHost());
        return this;
    }

    /** Where the nodes reach the database, before any relay. */
    DatabaseConnection connection() {
        return connection;
    }

    DatabaseName name() {
        return name;
    }

    /** Where the database is as this host reaches it (the nodes of an isolated cluster use another address). */
    DatabaseConnection fromThisHost() {
        return embedded == null ? connection : embedded.connection(Loopback.ADDRESS);
    }

    /** What the state file says of it. */
    DatabaseState state() throws IOException {
        return new DatabaseState(connection.jdbcUrl(), embedded == null ? null : embedded.postmaster(), durable);
    }

    /** The postmaster's PID, or empty if the database is external or down. */
    Optional<Long> postmasterPid() {
        if (embedded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(embedded.postmaster().pid());
        } catch (IOException | IllegalStateException down) {
            return Optional.empty(); // a fault test stopped it
        }
    }

    /** The embedded database's port (an isolated cluster's partitions can cut the nodes from it). */
    int port() {
        return requireEmbedded("cut it there").port();
    }

    /** Whether the nodes reach it through the relay now. */
    boolean relayed() {
        return relayed;
    }

    /** Behind a relay from the start: the cluster's relay starts in front of it. */
    void relayedFromTheStart() {
        relayed = true;
    }

    /**
     * Stops the embedded PostgreSQL ({@code pg_ctl stop -m fast}: sessions are cut, as in a database crash or
     * failover), keeps it down for {@code downtime}, and starts it again on the same port with the same data.
     */
    void restart(Duration downtime) throws IOException, InterruptedException {
        requireEmbedded("restart it there");
        int port = stop();
        Thread.sleep(downtime.toMillis());
        startAgain(port);
    }

    /**
     * Puts the embedded PostgreSQL in a regime, restarting it if that changes anything: its commits synced to disk or
     * not (a restart, not a reload: zonky starts the server with {@code -F} and {@code -c synchronous_commit=off} on
     * its command line, which no reload overrides), and with {@code links}, reached by the nodes through the relay or
     * straight. Straight, PostgreSQL takes the port the nodes' URL names, which the relay gives up (an idle relay on
     * the busiest link is not free: it halved the database modes' throughput at no delay); relayed again, it moves to
     * another port behind the relay. The nodes reconnect as after any restart of their database. Returns whether it
     * restarted.
     */
    boolean regime(boolean durable, boolean relayed, RelayedLinks links) throws IOException {
        if (durable == this.durable && relayed == this.relayed) {
            return false;
        }
        if (embedded == null) {
            throw new CommandFailedException("the database is external (" + connection.jdbcUrl() + "): the launcher"
                    + " changes neither how durable its commits are nor how the nodes reach it");
        }
        if (relayed && links == null) {
            throw new IllegalStateException("a cluster started without --rtt has no relay to put the database behind");
        }
        this.durable = durable;
        out.println(name.directory() + ": PostgreSQL " + (durable ? "syncs its commits to disk (durable)"
                : "does not sync its commits (fsync off)")
                + (links == null ? "" : relayed ? ", behind the relay," : ", reached straight,") + " from now on:");
        int port = stop();
        if (relayed == this.relayed) {
            startAgain(port);
        } else if (relayed) {
            int behind = Loopback.freePortPreferring(name.preferredPort());
            startAgain(behind);
            links.databaseRelayed(name, behind);
        } else {
            links.databaseStraight(name);
            startAgain(links.databasePort(name));
        }
        this.relayed = relayed;
        return true;
    }

    /**
     * Freezes the embedded PostgreSQL (SIGSTOP to the postmaster and every backend) until {@link #resume()}:
     * connections stay open and nothing answers, as on a stalled database host.
     */
    void pause() throws IOException, InterruptedException {
        ProcessHandle postmaster = ProcessHandle.of(requireEmbedded("freeze it there").postmaster().pid())
                .orElseThrow(() -> new IllegalStateException("the PostgreSQL postmaster is gone"));
        paused.add(postmaster);
        postmaster.descendants().forEach(paused::add);
        for (ProcessHandle process : paused) {
            signalUnlessGone(process, "STOP");
        }
        out.println("paused PostgreSQL (" + paused.size() + " processes, SIGSTOP)");
    }

    /**
     * The backends first, the postmaster last: a backend that was exiting as it was stopped stays a zombie until the
     * postmaster, running again, reaps it, and signalled after that its pid would be gone (a flaky freeze, found by
     * {@code WorkflowFaultsIT}).
     */
    void resume() throws IOException, InterruptedException {
        for (int i = paused.size() - 1; i >= 0; i--) {
            signalUnlessGone(paused.get(i), "CONT");
        }
        paused.clear();
        out.println("resumed PostgreSQL (SIGCONT)");
    }

    /** A backend may end between being listed and being signalled (its client closed the connection). */
    private static void signalUnlessGone(ProcessHandle process, String signal)
            throws IOException, InterruptedException {
        try {
            Processes.signal(process.pid(), signal);
        } catch (IOException failed) {
            if (process.isAlive()) {
                throw failed;
            }
        }
    }

    /** Stops the embedded PostgreSQL for good, if there is one. */
    void close() throws IOException {
        if (embedded != null) {
            out.println("stopping embedded PostgreSQL");
            embedded.close();
        }
    }

    /** Stops the embedded PostgreSQL and returns the port it had. */
    private int stop() throws IOException {
        int port = embedded.port();
        embedded.close();
        out.println("stopped PostgreSQL");
        return port;
    }

    /**
     * Starts the embedded PostgreSQL with the same data on {@code port}: where it was, for the nodes to reconnect to
     * as after any restart of their database, or where the nodes' URL points once the relay has let go of it.
     */
    private void startAgain(int port) {
        embedded = EmbeddedDatabase.start(home, name, port, durable, isolated);
        connection = embedded.connection(nodesHost());
        out.println("started PostgreSQL again on port " + port);
    }

    private EmbeddedDatabase requireEmbedded(String elsewhere) {
        if (embedded == null) {
            throw new IllegalStateException("the database is external (" + connection.jdbcUrl() + "); " + elsewhere);
        }
        return embedded;
    }

    private String nodesHost() {
        return isolated ? IsolatedNetwork.HOST_ADDRESS : Loopback.ADDRESS;
    }
}
