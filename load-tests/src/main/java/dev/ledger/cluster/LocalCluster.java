package dev.ledger.cluster;

import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.network.RelayProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The cluster that this JVM, the supervisor, runs: the embedded PostgreSQL (unless one is configured), the
 * {@link ZooKeeperEnsemble} of a mode that elects its leader through one, and one service JVM per node. They start
 * in that order and stop in the reverse one, each before what it depends on. {@link #stop()} may come at any moment
 * from the shutdown hook (Ctrl-C, SIGTERM from {@code ./ledger down}), also in the middle of start-up, and stops
 * whatever has been started so far. Each part has a class of its own: {@link DatabaseControl}, the ensemble,
 * {@link RelayedLinks} for a round trip, {@link ClusterNetwork} for {@code --isolated}, {@link NodeLauncher} (a node's
 * command and environment) and {@link ClusterNodes} (the running node JVMs); this class orders them, records the
 * state file, and is what fault injection and the CLI hold.
 */
public final class LocalCluster {

    /** How long start-up waits for every node to answer its readiness probe. */
    public static final int READY_TIMEOUT_SECONDS = ClusterNodes.READY_TIMEOUT_SECONDS;
    /** The group of {@link #processes()} that is PostgreSQL: its postmaster, whose backends are its children. */
    public static final String POSTGRES_GROUP = "postgres";
    /** The raft members (id@address:port@url) whose logs the node directories hold. */
    private static final String RAFT_MEMBERS_FILE = "raft-members";

    private final LedgerHome home;
    private final ClusterOptions options;
    private final List<NodeSpec> specs;
    private final NodeClient client = new NodeClient();
    private final PrintStream out = System.out;
    private final ClusterNodes nodes;
    private final ClusterNetwork network;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Set as soon as stop() is called, so that start-up gives up and node exits are expected. */
    private volatile boolean stopRequested;

    // Guarded by this: start-up steps and stop() never interleave.
    /** Set by start(): PostgreSQL, embedded or given. */
    private DatabaseControl database;
    /** The workflow mode's second shard; null in every other mode. */
    private DatabaseControl shard1Database;
    /** Null in the modes without an ensemble, and until start() makes it. */
    private ZooKeeperEnsemble zooKeeper;
    private ClusterCredentials credentials;
    /** Null unless the cluster runs with a round trip, and until start() makes it. */
    private RelayedLinks links;
    /** Set by start() once what the nodes need runs. */
    private NodeLauncher launcher;
    private boolean stopDone;
    /** Under {@code ./ledger up} ({@link #superviseUntilStopped}): a node's exit is told, with how to restart it. */
    private volatile boolean supervising;
    /** How each node reaches the database; a test may put something between them (see {@link #routeDatabase}). */
    private BiFunction<NodeSpec, DatabaseConnection, DatabaseConnection> databaseRoute = (node, db) -> db;

    public LocalCluster(LedgerHome home, ClusterOptions options) {
        this.home = home;
        this.options = options;
        this.specs = NodeSpec.forCluster(home, options);
        this.nodes = new ClusterNodes(home, client, out);
        this.network = new ClusterNetwork(specs, members(), out);
    }

    public static void requireServiceJar(LedgerHome home) {
        if (!Files.isRegularFile(home.serviceJar())) {
            throw new CommandFailedException("the service is not built (" + home.display(home.serviceJar())
                    + " is missing): run ./mvnw -DskipTests package first");
        }
    }

    /** The ports of the nodes and of a ZooKeeper ensemble, which must be free before start-up. */
    public static void requireFreePorts(LedgerHome home, ClusterOptions options) {
        Loopback.requireFreePorts(listenPorts(home, options));
    }

    /** The ports on loopback that the nodes and a ZooKeeper ensemble listen on; PostgreSQL takes a free one. */
    public static List<Integer> listenPorts(LedgerHome home, ClusterOptions options) {
        List<Integer> ports = new ArrayList<>();
        if (!options.isolated()) { // else each node listens on an address of its own, in a namespace made afresh
            NodeSpec.forCluster(home, options).forEach(node -> ports.addAll(node.listenPorts(options.mode())));
        }
        if (options.relayed()) {
            ports.addAll(RelayedLinks.listenPorts(options, NodeSpec.forCluster(home, options)));
        }
        if (ZooKeeperEnsemble.isNeededBy(options.mode()) && !options.isolated()) {
            ZooKeeperMember.forCluster(home, options.basePort(), false)
                    .forEach(member -> ports.addAll(member.listenPorts()));
        }
        return ports;
    }

    /**
     * Starts PostgreSQL, the ZooKeeper ensemble if the mode needs one, and the nodes, waits until every node is
     * ready, and writes the state file. Throws {@link CommandFailedException} (with the failing node's or members'
     * log tails) when a node or member dies or is not ready in time; the caller then stops what was started.
     */
    public ClusterState start() throws IOException, InterruptedException {
        credentials = ClusterCredentials.create(home, options.faults());
        requireRaftLogOfTheseMembers();
        if (options.isolated()) {
            startNetwork();
        }
        startDatabase();
        if (ZooKeeperEnsemble.isNeededBy(options.mode())) {
            startZooKeeper();
        }
        if (options.relayed()) {
            startRelay();
        }
        for (NodeSpec spec : specs) {
            startNode(spec);
        }
        nodes.awaitReady(this::throwIfStopRequested);
        return recordState();
    }

    /**
     * Reports a node or ZooKeeper member that dies without restarting it (a dead node is what a fault test wants to
     * see), and returns once {@link #stop()} has finished: this is how the supervisor stays up.
     */
    public void superviseUntilStopped() throws InterruptedException {
        zooKeeper().ifPresent(ZooKeeperEnsemble::reportExits);
        supervising = true;
        nodes.started().forEach(this::reportExit);
        RestartRequests.serve(this, home);
        stopped.await();
    }

    private void reportExit(NodeProcess node) {
        node.process().onExit().thenAccept(process -> {
            if (!stopRequested) {
                out.printf("%s %s (pid %d) exited with code %d; ./ledger restart %s starts it again%n",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), node.spec().id(), process.pid(),
                        process.exitValue(), node.spec().id());
            }
        });
    }

    /** Stops the nodes, then ZooKeeper, then PostgreSQL, then removes the state file. Idempotent, any thread. */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            if (stopDone) {
                return;
            }
            stopDone = true;
            try {
                nodes.stopAll();
                if (links != null) {
                    links.stop();
                }
                if (zooKeeper != null) {
                    zooKeeper.stop();
                }
                if (database != null) {
                    database.close();
                }
                if (shard1Database != null) {
                    shard1Database.close();
                }
                if (options.isolated()) {
                    network.destroy();
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

    /**
     * Raft names its members by address and port: nodes on other addresses (an {@code --isolated} cluster after one
     * on loopback, say) cannot join the log the earlier members wrote, and would wait for an election forever.
     */
    private void requireRaftLogOfTheseMembers() throws IOException {
        if (options.mode() != Mode.RAFT) {
            return;
        }
        Path record = home.clusterDir().resolve(RAFT_MEMBERS_FILE);
        String members = specs.stream().map(NodeSpec::raftPeer).collect(Collectors.joining(","));
        boolean logsExist = specs.stream().anyMatch(spec -> Files.isDirectory(spec.raftDataDir()));
        if (logsExist && Files.exists(record) && !Files.readString(record).strip().equals(members)) {
            throw new CommandFailedException("the raft logs in " + home.display(home.clusterDir().resolve("nodes"))
                    + " belong to the members " + Files.readString(record).strip() + ", not " + members
                    + ": start the cluster as before (with or without --isolated, the same --nodes and --base-port),"
                    + " or remove " + home.display(home.clusterDir()) + " (its ledger goes with it)");
        }
        Files.createDirectories(home.clusterDir());
        Files.writeString(record, members);
    }

    private synchronized void startNetwork() {
        throwIfStopRequested();
        network.create();
    }

    private synchronized void startDatabase() {
        throwIfStopRequested();
        database = DatabaseControl.start(home, options.isolated(), options.durable(), out);
        if (options.mode() == Mode.WORKFLOW) {
            shard1Database = DatabaseControl.startShard1(home, options.isolated(), options.durable(), out);
        }
    }

    /**
     * After PostgreSQL: the start is then the stop reversed (nodes, ZooKeeper, PostgreSQL, as {@code ./ledger down}
     * goes too), and a database that cannot be used is reported before three more JVMs start. The members start
     * empty (see {@link ZooKeeperEnsemble}): the fencing token comes from PostgreSQL, not from an earlier ensemble.
     */
    private void startZooKeeper() throws IOException, InterruptedException {
        ZooKeeperEnsemble ensemble;
        synchronized (this) {
            throwIfStopRequested();
            ensemble = new ZooKeeperEnsemble(home, options.basePort(), options.isolated());
            zooKeeper = ensemble;
        }
        // Not under the lock: stop() must reach the ensemble while it waits for its quorum, to end that wait.
        ensemble.start();
    }

    private synchronized void startRelay() throws IOException {
        throwIfStopRequested();
        List<ZooKeeperMember> members = zooKeeper == null ? List.of() : zooKeeper.members();
        Path log = home.clusterDir().resolve("relay.log");
        Map<DatabaseName, String> urls = new EnumMap<>(DatabaseName.class);
        for (DatabaseControl each : databases()) {
            urls.put(each.name(), each.connection().jdbcUrl());
        }
        links = RelayedLinks.start(options, specs, urls, members, log);
        databases().forEach(DatabaseControl::relayedFromTheStart);
        out.printf("relay: every link between the cluster's processes through one relay (pid %d, log %s), round trip"
                + " %.3f ms (measured %.3f ms)%n", links.relay().pid(), home.display(log),
                options.rtt().toNanos() / 1e6, links.relay().roundTrip(options.rtt()).toNanos() / 1e6);
    }

    /** Whether the nodes reach PostgreSQL through the relay now (see {@link #databaseRegime}). */
    public synchronized boolean databaseRelayed() {
        return database.relayed();
    }

    /** The delay relay of a cluster started with a round trip ({@link ClusterOptions#rtt()}). */
    public synchronized Optional<RelayProcess> relay() {
        return Optional.ofNullable(links).map(RelayedLinks::relay);
    }

    /** The ZooKeeper ensemble, once started, in the modes that have one: for fault injection on its members. */
    public synchronized Optional<ZooKeeperEnsemble> zooKeeper() {
        return Optional.ofNullable(zooKeeper);
    }

    private synchronized void startNode(NodeSpec spec) throws IOException {
        throwIfStopRequested();
        if (launcher == null) {
            launcher = new NodeLauncher(home, options, specs, credentials, database, databaseRoute, links, zooKeeper,
                    shard1Database);
        }
        out.println("starting " + spec.id() + " on " + spec.httpUrl() + " (log " + home.display(spec.log()) + ")");
        nodes.add(launcher.start(spec));
    }

    /** Written under the lock, so that a concurrent stop() either sees it and deletes it, or prevents it. */
    private synchronized ClusterState recordState() throws IOException {
        throwIfStopRequested();
        List<NodeState> nodeStates = nodes.started().stream()
                .map(node -> new NodeState(node.spec().id(), node.spec().httpUrl(), node.recorded(),
                        node.spec().log().toString()))
                .toList();
        ClusterState state = new ClusterState(options.mode(), RecordedProcess.of(ProcessHandle.current()),
                database.state(), nodeStates, options.isolated(),
                zooKeeper == null ? null : zooKeeper.recordedState(),
                shard1Database == null ? null : shard1Database.state());
        state.write(home.stateFile());
        return state;
    }

    /**
     * The processes of the system under test by group, the nodes' and ZooKeeper's JVMs and the postmaster, by PID
     * (the {@link #relay()} is an instrument, not one of them).
     */
    public synchronized Map<String, List<Long>> processes() {
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        groups.put("nodes", nodes.started().stream().map(NodeProcess::pid).toList());
        // PostgreSQL down (a fault test stopped it), or external: nothing of it to measure
        List<Long> postmasters = new ArrayList<>();
        for (DatabaseControl each : databases()) {
            each.postmasterPid().ifPresent(postmasters::add);
        }
        if (!postmasters.isEmpty()) {
            groups.put(POSTGRES_GROUP, postmasters);
        }
        if (zooKeeper != null) {
            groups.put("zookeeper", zooKeeper.recordedState().members().stream()
                    .map(member -> member.process().pid()).toList());
        }
        return groups;
    }

    // Fault injection: the JVM that started the cluster is its nodes' parent, so it can kill, pause and
    // restart them.

    /**
     * Gives each node, when it starts, the connection {@code route} makes of the cluster's database: a fault test
     * routes a node through a proxy it can cut. Call before {@link #start()}.
     */
    public synchronized void routeDatabase(BiFunction<NodeSpec, DatabaseConnection, DatabaseConnection> route) {
        databaseRoute = route;
    }

    /** Where PostgreSQL is, as this host reaches it (the nodes of an isolated cluster use another address). */
    public synchronized DatabaseConnection database() {
        return database.fromThisHost();
    }

    /** Cuts the network of an isolated cluster as {@code partition} says, replacing any earlier cut. */
    public synchronized void partition(Partition partition) {
        requireIsolated();
        network.cut(partition, database.port());
    }

    /** Lifts every cut of {@link #partition}. */
    public synchronized void heal() {
        requireIsolated();
        network.heal();
    }

    private void requireIsolated() {
        if (!options.isolated()) {
            throw new IllegalStateException("the cluster runs on loopback: only an isolated one can be cut");
        }
    }

    /** What the nodes were given (a test checks that no log shows the secrets). */
    public ClusterCredentials credentials() {
        return credentials;
    }

    /**
     * Where the cluster keeps its data, as opposed to its logs: PostgreSQL's data directory, the nodes' raft logs and
     * the ZooKeeper members' data. A comparison drops them after its runs unless asked to keep them.
     */
    public List<Path> dataDirectories() {
        List<Path> directories = new ArrayList<>(List.of(home.postgresDataDir()));
        specs.forEach(spec -> directories.add(spec.raftDataDir()));
        members().forEach(member -> directories.add(member.dataDir()));
        return directories;
    }

    /** The ZooKeeper members of this cluster, running or not; none in the modes without an ensemble. */
    private List<ZooKeeperMember> members() {
        return ZooKeeperEnsemble.isNeededBy(options.mode())
                ? ZooKeeperMember.forCluster(home, options.basePort(), options.isolated()) : List.of();
    }

    /** The base URL under which a node names itself as the leader: its own, or behind a relay, the relay's. */
    public String advertisedUrl(NodeSpec node) {
        return RelayedLinks.advertisedUrl(node, options);
    }

    /** The nodes n1..nN as configured, running or not. */
    public List<NodeSpec> nodeSpecs() {
        return specs;
    }

    /** The node's answer to {@code GET /cluster}; empty if it does not answer (dead, paused, starting). */
    public Optional<ClusterInfo> clusterInfo(NodeSpec node) throws InterruptedException {
        return client.clusterInfo(node.httpUrl());
    }

    /** The status of the node's readiness probe ({@code /q/health/ready}); empty if it does not answer. */
    public OptionalInt readiness(NodeSpec node) throws InterruptedException {
        return client.readinessStatus(node.httpUrl());
    }

    public record Leader(NodeSpec node, ClusterInfo info) {
    }

    /**
     * The running node that reports itself leader, of the highest term (a paused one cannot answer, so it is
     * not asked).
     */
    public Optional<Leader> leader() throws InterruptedException {
        List<NodeSpec> answering = nodes.started().stream().filter(node -> node.isAlive() && !node.isPaused())
                .map(NodeProcess::spec).toList();
        return client.leaderAmong(answering, NodeSpec::httpUrl).map(claim -> new Leader(claim.node(), claim.info()));
    }

    public boolean isAlive(NodeSpec node) {
        return nodes.of(node).isAlive();
    }

    /** SIGKILL, as in a crash: no shutdown hook runs, no leadership is handed over. Returns once it is gone. */
    public void kill(NodeSpec node) {
        NodeProcess process = nodes.of(node);
        process.kill();
        if (!process.awaitExit(Duration.ofSeconds(ClusterNodes.KILL_TIMEOUT_SECONDS))) {
            throw new CommandFailedException(node.id() + " (pid " + process.process().pid() + ") survived SIGKILL");
        }
        out.println("killed " + node.id() + " (pid " + process.process().pid() + ")");
    }

    public void pause(NodeSpec node) throws IOException, InterruptedException {
        nodes.of(node).pause();
        out.println("paused " + node.id() + " (SIGSTOP)");
    }

    public void resume(NodeSpec node) throws IOException, InterruptedException {
        nodes.of(node).resume();
        out.println("resumed " + node.id() + " (SIGCONT)");
    }

    /**
     * Starts a node that has exited again with the same ports, environment and raft data dir, so that
     * it rejoins the group and catches up from its own log (or a snapshot). Its previous log is kept
     * as {@code node.log.previous}: the last words of a killed node are what a failed test needs. The state file
     * names the new process; returns its PID.
     */
    public synchronized long restart(NodeSpec node) throws IOException {
        throwIfStopRequested();
        NodeProcess previous = nodes.of(node);
        if (previous.isAlive()) {
            throw new IllegalStateException(node.id() + " is still running");
        }
        Files.move(node.log(), node.log().resolveSibling("node.log.previous"), StandardCopyOption.REPLACE_EXISTING);
        out.println("restarting " + node.id() + " (log " + home.display(node.log()) + ")");
        NodeProcess started = launcher.start(node);
        nodes.replace(previous, started);
        if (supervising) {
            reportExit(started);
        }
        recordState();
        return started.process().pid();
    }

    /**
     * Stops the embedded PostgreSQL ({@code pg_ctl stop -m fast}: sessions are cut, as in a database crash or
     * failover), keeps it down for {@code downtime}, and starts it again on the same port with the same data.
     */
    public synchronized void restartDatabase(Duration downtime) throws IOException, InterruptedException {
        throwIfStopRequested();
        database.restart(downtime);
        recordState();
    }

    /**
     * Puts the embedded PostgreSQL (both, in the workflow mode) in a regime: its commits synced to disk or not, and
     * reached by the nodes through the relay or straight ({@link DatabaseControl#regime}). Returns whether one
     * restarted.
     */
    public synchronized boolean databaseRegime(boolean durable, boolean relayed) throws IOException {
        throwIfStopRequested();
        boolean restarted = false;
        for (DatabaseControl each : databases()) {
            restarted |= each.regime(durable, relayed, links);
        }
        if (restarted) {
            recordState();
        }
        return restarted;
    }

    /**
     * Freezes the embedded PostgreSQL (SIGSTOP to the postmaster and every backend) until
     * {@link #resumeDatabase()}: connections stay open and nothing answers, as on a stalled database host.
     */
    public synchronized void pauseDatabase() throws IOException, InterruptedException {
        throwIfStopRequested();
        database.pause();
    }

    public synchronized void resumeDatabase() throws IOException, InterruptedException {
        database.resume();
    }

    /** The workflow mode's second shard as this host reaches it; empty in the other modes. */
    public synchronized Optional<DatabaseConnection> shard1Database() {
        return Optional.ofNullable(shard1Database).map(DatabaseControl::fromThisHost);
    }

    /** The workflow mode's second shard frozen as {@link #pauseDatabase()} freezes the first, until resumed. */
    public synchronized void pauseShard1Database() throws IOException, InterruptedException {
        throwIfStopRequested();
        requireShard1().pause();
    }

    public synchronized void resumeShard1Database() throws IOException, InterruptedException {
        requireShard1().resume();
    }

    /**
     * The workflow mode's second shard stopped for {@code downtime} as {@link #restartDatabase} stops the first, then
     * started again.
     */
    public synchronized void restartShard1Database(Duration downtime) throws IOException, InterruptedException {
        throwIfStopRequested();
        requireShard1().restart(downtime);
        recordState();
    }

    /** The cluster's databases: the one every mode has, and the workflow mode's second shard. */
    private List<DatabaseControl> databases() {
        return shard1Database == null ? List.of(database) : List.of(database, shard1Database);
    }

    private DatabaseControl requireShard1() {
        if (shard1Database == null) {
            throw new IllegalStateException("only the workflow mode has a second shard; this cluster runs "
                    + options.mode().value());
        }
        return shard1Database;
    }

    private void throwIfStopRequested() {
        if (stopRequested) {
            throw new CommandFailedException("start-up interrupted: the cluster is being stopped");
        }
    }
}
