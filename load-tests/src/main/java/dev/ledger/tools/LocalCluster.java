package dev.ledger.tools;

import dev.ledger.tools.ClusterState.DatabaseState;
import dev.ledger.tools.ClusterState.NodeState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The cluster that this JVM, the supervisor, runs: the embedded PostgreSQL (unless one is configured)
 * and one service JVM per node. {@link #stop()} may come at any moment from the shutdown hook
 * (Ctrl-C, SIGTERM from {@code ./ledger down}), also in the middle of start-up, and stops whatever
 * has been started so far.
 */
final class LocalCluster {

    static final int READY_TIMEOUT_SECONDS = 90;
    private static final int READY_POLL_INTERVAL_MILLIS = 500;
    private static final int NODE_STOP_TIMEOUT_SECONDS = 15;
    private static final int NODE_KILL_TIMEOUT_SECONDS = 5;
    private static final int LOG_TAIL_LINES = 30;

    private final LedgerHome home;
    private final UpOptions options;
    private final List<NodeSpec> specs;
    private final NodeClient client = new NodeClient();
    private final PrintStream out = System.out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Set as soon as stop() is called, so that start-up gives up and node exits are expected. */
    private volatile boolean stopRequested;

    // Guarded by this: start-up steps and stop() never interleave.
    private final List<NodeProcess> nodes = new ArrayList<>();
    private EmbeddedDatabase embeddedDatabase;
    private boolean stopDone;

    LocalCluster(LedgerHome home, UpOptions options) {
        this.home = home;
        this.options = options;
        this.specs = NodeSpec.forCluster(home, options.nodes(), options.basePort());
    }

    /**
     * Starts PostgreSQL and the nodes, waits until every node is ready, and writes the state file.
     * Throws {@link CommandFailedException} (with the failing node's log tail) when a node dies or
     * is not ready in time; the caller then stops what was started.
     */
    ClusterState start() throws IOException, InterruptedException {
        DatabaseConnection database = startDatabase();
        for (NodeSpec spec : specs) {
            startNode(spec, database);
        }
        awaitReady();
        return recordState(database);
    }

    /**
     * Reports a node that dies without restarting it (a dead node is what a fault test wants to
     * see), and returns once {@link #stop()} has finished: this is how the supervisor stays up.
     */
    void superviseUntilStopped() throws InterruptedException {
        for (NodeProcess node : startedNodes()) {
            node.process().onExit().thenAccept(process -> {
                if (!stopRequested) {
                    out.printf("%s %s (pid %d) exited with code %d; it is not restarted%n",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS), node.spec().id(), process.pid(), process.exitValue());
                }
            });
        }
        stopped.await();
    }

    /** Stops the nodes, then PostgreSQL, then removes the state file. Idempotent, any thread. */
    void stop() {
        stopRequested = true;
        synchronized (this) {
            if (stopDone) {
                return;
            }
            stopDone = true;
            try {
                stopNodes();
                if (embeddedDatabase != null) {
                    out.println("stopping embedded PostgreSQL");
                    embeddedDatabase.close();
                }
                Files.deleteIfExists(home.stateFile());
                out.println("cluster stopped");
            } catch (IOException e) {
                out.println("while stopping the cluster: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }
    }

    private synchronized DatabaseConnection startDatabase() {
        throwIfStopRequested();
        Optional<DatabaseConnection> configured = DatabaseConnection.fromEnvironment(System.getenv());
        if (configured.isPresent()) {
            out.println("database " + configured.get().jdbcUrl() + " (from " + DatabaseConnection.JDBC_URL_VARIABLE + ")");
            return configured.get();
        }
        out.println("starting embedded PostgreSQL (data in " + home.display(home.postgresDataDir()) + ")");
        embeddedDatabase = EmbeddedDatabase.start(home);
        return embeddedDatabase.connection();
    }

    private synchronized void startNode(NodeSpec spec, DatabaseConnection database) throws IOException {
        throwIfStopRequested();
        out.println("starting " + spec.id() + " on " + spec.httpUrl() + " (log " + home.display(spec.log()) + ")");
        nodes.add(NodeProcess.start(spec, home.serviceJar(), environmentFor(spec, database)));
    }

    private Map<String, String> environmentFor(NodeSpec node, DatabaseConnection database) {
        Map<String, String> environment = new LinkedHashMap<>(database.asEnvironment());
        environment.put("LEDGER_MODE", options.mode().cliName());
        environment.put("LEDGER_NODE_ID", node.id());
        environment.put("QUARKUS_HTTP_HOST", Loopback.ADDRESS);
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(node.httpPort()));
        if (options.mode() == ClusterMode.RAFT) {
            environment.put("LEDGER_RAFT_PEERS", specs.stream().map(NodeSpec::raftPeer).collect(Collectors.joining(",")));
            environment.put("LEDGER_RAFT_DATA_DIR", node.raftDataDir().toString());
        }
        return environment;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(READY_TIMEOUT_SECONDS);
        List<NodeProcess> waiting = new ArrayList<>(startedNodes());
        while (true) {
            for (Iterator<NodeProcess> it = waiting.iterator(); it.hasNext(); ) {
                NodeProcess node = it.next();
                throwIfStopRequested();
                if (!node.isAlive()) {
                    throw startFailure(node.spec().id() + " exited with code " + node.process().exitValue()
                            + " before it was ready", List.of(node));
                }
                if (client.readinessStatus(node.spec().httpUrl()).orElse(-1) == NodeClient.HTTP_OK) {
                    out.println(node.spec().id() + " is ready");
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw startFailure(ids(waiting) + " not ready after " + READY_TIMEOUT_SECONDS + " s", waiting);
            }
            Thread.sleep(READY_POLL_INTERVAL_MILLIS);
        }
    }

    private CommandFailedException startFailure(String reason, List<NodeProcess> failedNodes) {
        StringBuilder message = new StringBuilder(reason);
        for (NodeProcess node : failedNodes) {
            message.append(System.lineSeparator()).append(LogTail.describe(home, node.spec().log(), LOG_TAIL_LINES));
        }
        return new CommandFailedException(message.toString());
    }

    /** Written under the lock, so that a concurrent stop() either sees it and deletes it, or prevents it. */
    private synchronized ClusterState recordState(DatabaseConnection database) throws IOException {
        throwIfStopRequested();
        RecordedProcess postgres = embeddedDatabase == null ? null : embeddedDatabase.postmaster();
        List<NodeState> nodeStates = nodes.stream()
                .map(node -> new NodeState(node.spec().id(), node.spec().httpUrl(), node.recorded(),
                        node.spec().log().toString()))
                .toList();
        ClusterState state = new ClusterState(options.mode(), RecordedProcess.of(ProcessHandle.current()),
                new DatabaseState(database.jdbcUrl(), postgres), nodeStates);
        state.write(home.stateFile());
        return state;
    }

    /** SIGTERM to every node at once, so that they shut down in parallel; SIGKILL for laggards. */
    private void stopNodes() {
        List<NodeProcess> running = nodes.stream().filter(NodeProcess::isAlive).toList();
        if (running.isEmpty()) {
            return;
        }
        out.println("stopping " + ids(running));
        running.forEach(NodeProcess::requestStop);
        Instant deadline = Instant.now().plusSeconds(NODE_STOP_TIMEOUT_SECONDS);
        for (NodeProcess node : running) {
            if (!node.awaitExit(Duration.between(Instant.now(), deadline))) {
                out.println(node.spec().id() + " did not stop within " + NODE_STOP_TIMEOUT_SECONDS + " s: killing it");
                node.kill();
                node.awaitExit(Duration.ofSeconds(NODE_KILL_TIMEOUT_SECONDS));
            }
        }
    }

    private synchronized List<NodeProcess> startedNodes() {
        return List.copyOf(nodes);
    }

    private void throwIfStopRequested() {
        if (stopRequested) {
            throw new CommandFailedException("start-up interrupted: the cluster is being stopped");
        }
    }

    private static String ids(List<NodeProcess> nodes) {
        return nodes.stream().map(node -> node.spec().id()).collect(Collectors.joining(", "));
    }
}
