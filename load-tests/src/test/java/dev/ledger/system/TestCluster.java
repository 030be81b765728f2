package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.ClusterCredentials;
import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.Directories;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.LocalCluster.Leader;
import dev.ledger.cluster.LogTail;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.LeaderRouting;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A 3-node cluster of the service (raft, zookeeper with its ensemble, or a database mode) for one IT class,
 * supervised by the JVM that runs the test.
 * It has a home of its own under target/it-home (emptied first: a fresh PostgreSQL and fresh raft
 * logs each run) and ports of its own, so it never meets a user's {@code ./ledger up}. It runs the
 * service jar given by {@code -Dledger.service.jar}, which the pom sets.
 */
final class TestCluster implements AutoCloseable {

    private static final int NODES = 3;
    private static final long POLL_INTERVAL_MILLIS = 100;
    private static final int LOG_TAIL_LINES = 20;
    private static final int HTTP_OK = 200;

    private final Mode mode;
    private final LedgerHome home;
    private final ClusterOptions options;
    private final LocalCluster cluster;
    /** Stops the nodes also when the test JVM exits before @AfterAll (failsafe timeout, Ctrl-C). */
    private final Thread stopAtExit;

    TestCluster(String name, int basePort) throws IOException {
        this(name, Mode.RAFT, basePort);
    }

    TestCluster(String name, Mode mode, int basePort) throws IOException {
        this(name, mode, basePort, false);
    }

    /** With {@code faults}, the nodes get an admin token and the fault endpoints, as {@code ./ledger up --faults}. */
    TestCluster(String name, Mode mode, int basePort, boolean faults) throws IOException {
        this(name, mode, basePort, faults, null);
    }

    /** With {@code proxies}, each node reaches PostgreSQL through a relay of its own that the test can cut. */
    TestCluster(String name, Mode mode, int basePort, boolean faults, DatabaseProxies proxies)
            throws IOException {
        this(name, mode, basePort, faults, proxies, false);
    }

    /**
     * A cluster whose nodes (and ZooKeeper members) each run in a network namespace of their own, which the test can
     * cut; see {@link #canIsolate()}.
     */
    static TestCluster isolated(String name, Mode mode, int basePort, boolean faults) throws IOException {
        return new TestCluster(name, mode, basePort, faults, null, true);
    }

    /**
     * Whether nodes can run in network namespaces here (root, ip and nft). CI must be able to: .ci/run installs
     * nftables and runs as root, so there a missing piece fails instead of skipping the partitions.
     */
    static boolean canIsolate() {
        try {
            IsolatedNetwork.requireUsable();
            return true;
        } catch (RuntimeException unusable) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI must cut the network: " + unusable.getMessage(), unusable);
            }
            return false;
        }
    }

    private TestCluster(String name, Mode mode, int basePort, boolean faults, DatabaseProxies proxies,
            boolean isolated) throws IOException {
        this.mode = mode;
        if (System.getProperty(LedgerHome.SERVICE_JAR_PROPERTY) == null) {
            throw new IllegalStateException("-D" + LedgerHome.SERVICE_JAR_PROPERTY + " is not set (the pom sets it)");
        }
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        home = new LedgerHome(Path.of(moduleDir, "target", "it-home", name).toAbsolutePath());
        Directories.deleteRecursively(home.root());
        options = new ClusterOptions(mode, NODES, basePort, faults, false, false, false, isolated);
        LocalCluster.requireServiceJar(home);
        LocalCluster.requireFreePorts(home, options);
        cluster = new LocalCluster(home, options);
        if (proxies != null) {
            cluster.routeDatabase(proxies::route);
        }
        stopAtExit = new Thread(cluster::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts PostgreSQL, the ensemble if the mode needs one, and the nodes; returns once every node is ready. */
    ClusterState start() throws IOException, InterruptedException {
        System.out.println("service " + home.serviceJar() + ", home " + home.root());
        return cluster.start();
    }

    Mode mode() {
        return mode;
    }

    LocalCluster nodes() {
        return cluster;
    }

    /** The admin token of a cluster started with faults, which the launcher leaves for the operator. */
    String adminToken() throws IOException {
        return Files.readString(ClusterCredentials.adminTokenFile(home)).strip();
    }

    /** The ports on loopback that the nodes and the ensemble listen on (PostgreSQL's is in the state). */
    List<Integer> listenPorts() {
        return LocalCluster.listenPorts(home, options);
    }

    /**
     * Returns once every one of {@code members} is in the ZooKeeper ensemble's quorum, with the
     * {@link System#nanoTime()} at which that was seen.
     */
    long awaitInQuorum(List<ZooKeeperMember> members, Duration max) throws Exception {
        ZooKeeperEnsemble ensemble = cluster.zooKeeper().orElseThrow();
        await("ZooKeeper " + members.stream().map(ZooKeeperMember::id).toList() + " in the quorum", max,
                () -> Optional.of(members).filter(all -> all.stream()
                        .allMatch(member -> ensemble.role(member).inQuorum())));
        return System.nanoTime();
    }

    List<String> urls() {
        return cluster.nodeSpecs().stream().map(NodeSpec::httpUrl).toList();
    }

    interface Probe<T> {
        /** The awaited value, or empty while it is not there yet. */
        Optional<T> poll() throws IOException, InterruptedException;
    }

    /**
     * The probe's first value; fails the test if none comes within {@code timeout}, with what each
     * node reports then.
     */
    <T> T await(String what, Duration timeout, Probe<T> probe) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.poll();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; " + describeNodes());
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
    }

    /** The leader once one that {@code qualifies} is known; fails the test after {@code timeout}. */
    Leader awaitLeader(String what, Duration timeout, Predicate<Leader> qualifies)
            throws IOException, InterruptedException {
        return await(what, timeout, () -> cluster.leader().filter(qualifies));
    }

    /**
     * What a leader-aware client meets in a mode with a leader: a follower answers {@code ?redirect} with 307 to the
     * leader, doing nothing, and names the leader; the leader takes the same request itself. The transfer is between
     * accounts that do not exist, so that the check leaves nothing behind (the leader answers 404).
     */
    void assertFollowerRedirectsToTheLeader(LedgerClient client, Duration timeout)
            throws IOException, InterruptedException {
        Leader leader = awaitLeader("a leader", timeout, l -> true);
        NodeSpec follower = cluster.nodeSpecs().stream().filter(node -> !node.equals(leader.node())).findFirst()
                .orElseThrow();
        await(follower.id() + " follows " + leader.node().id(), timeout,
                () -> cluster.clusterInfo(follower).filter(info -> info.follows(leader.node().id())));
        var request = new LedgerClient.TransferRequest("redirected-" + System.nanoTime(), "nobody-from", "nobody-to",
                1);

        LedgerClient.RoutingAnswer redirected = client.transferLeaderAware(follower.httpUrl(), request);
        assertEquals(307, redirected.status(), follower.id() + " redirects to " + leader.node().id());
        assertEquals(leader.node().httpUrl() + "/transfers?" + LeaderRouting.REDIRECT_PARAM, redirected.location());
        assertEquals(leader.node().httpUrl(), redirected.leader());
        LedgerClient.RoutingAnswer atLeader = client.transferAt(URI.create(redirected.location()), request);
        assertEquals(404, atLeader.status(), "the leader takes it: no such accounts");
        assertEquals(leader.node().httpUrl(), atLeader.leader());
    }

    /**
     * Waits until every node follows one leader in one term and, in raft mode, has applied all that it committed, so
     * that the database holds the whole log and nothing is in flight. A zookeeper leader answers once its batch has
     * committed, so agreeing on the leader is enough there.
     */
    void awaitQuiescent(Duration timeout) throws IOException, InterruptedException {
        if (!mode.hasLeader()) {
            return; // a database-mode node answers only once its transaction has committed
        }
        await("every node follows one leader" + (mode == Mode.RAFT ? " and applies the same committed log" : ""),
                timeout, () -> {
            List<ClusterInfo> infos = new ArrayList<>();
            for (NodeSpec node : cluster.nodeSpecs()) {
                Optional<ClusterInfo> info = cluster.clusterInfo(node);
                if (info.isEmpty()) {
                    return Optional.empty();
                }
                infos.add(info.get());
            }
            ClusterInfo first = infos.get(0);
            boolean quiet = first.leader() != null && infos.stream().allMatch(info ->
                    first.leader().equals(info.leader()) && first.term().equals(info.term())
                            && (mode != Mode.RAFT || first.commitIndex().equals(info.commitIndex())
                                    && info.commitIndex().equals(info.appliedIndex())));
            return quiet ? Optional.of(infos) : Optional.empty();
        });
    }

    /**
     * Waits until {@code node} is ready (200 from its readiness probe) or not (anything else, also no answer in time,
     * as Kubernetes reads a probe: its datasource check may wait on a cut connection).
     */
    void awaitReadiness(NodeSpec node, boolean ready, Duration timeout) throws IOException, InterruptedException {
        await(node.id() + (ready ? " is ready" : " is not ready"), timeout, () -> {
            boolean now = cluster.readiness(node).orElse(-1) == HTTP_OK;
            return now == ready ? Optional.of(now) : Optional.empty();
        });
    }


    /** The node logs (of this run and of killed runs) that contain {@code text}. */
    List<Path> logsContaining(String text) throws IOException {
        try (Stream<Path> files = Files.walk(home.clusterDir().resolve("nodes"))) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().startsWith("node.log")).toList();
            List<Path> containing = new ArrayList<>();
            for (Path log : logs) {
                if (Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                    containing.add(log);
                }
            }
            return containing;
        }
    }

    /** What each node answers on {@code GET /cluster} now (a paused one after a timeout), for failure messages. */
    private String describeNodes() throws InterruptedException {
        StringBuilder view = new StringBuilder("the nodes report:");
        for (NodeSpec node : cluster.nodeSpecs()) {
            Optional<ClusterInfo> info = cluster.clusterInfo(node);
            view.append(System.lineSeparator()).append("  ").append(node.id()).append(": ")
                    .append(info.map(ClusterInfo::toString).orElse(cluster.isAlive(node)
                            ? "no answer (its process is running)" : "no answer (its process has exited)"));
            if (info.isEmpty()) {
                view.append(System.lineSeparator()).append(LogTail.describe(home, node.log(), LOG_TAIL_LINES));
            }
        }
        return view.toString();
    }

    @Override
    public void close() {
        cluster.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The hook is running or has run: the cluster is stopped either way.
        }
        System.out.println("node logs are in " + home.clusterDir().resolve("nodes"));
    }
}
