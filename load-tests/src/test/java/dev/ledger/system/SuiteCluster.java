package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.Processes;
import dev.ledger.contract.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one cluster all tests of a fault or partition suite share, as a JUnit extension: started before the first test
 * (before the suite's own {@code @BeforeAll}), stopped after the last, when it must leave nothing behind. A suite
 * registers it with {@code @RegisterExtension static final SuiteCluster suite = ...}.
 */
final class SuiteCluster implements BeforeAllCallback, AfterAllCallback {

    /** pg_ctl returns once the postmaster has removed its pid file, a moment before that process has exited. */
    private static final Duration EXIT_MAX = Duration.ofSeconds(5);

    private final String name;
    private final Mode mode;
    private final int basePort;
    private final boolean isolated;
    private Duration leaderTimeout;
    private Duration writeGapMax;
    private DatabaseProxies proxies;
    private TestCluster cluster;
    private ClusterState state;
    private List<Integer> listenPorts;

    private SuiteCluster(Class<?> suite, Mode mode, int basePort, boolean isolated) {
        this.name = suite.getSimpleName();
        this.mode = mode;
        this.basePort = basePort;
        this.isolated = isolated;
    }

    /** On loopback, each node reaching PostgreSQL through a relay of its own that a test can cut. */
    static SuiteCluster withDatabaseRelays(Class<?> suite, Mode mode, int basePort) {
        return new SuiteCluster(suite, mode, basePort, false);
    }

    /**
     * Each node (and ZooKeeper member) in a network namespace of its own, which a test can cut; the suite is skipped
     * where that cannot be done (see {@link TestCluster#canIsolate()}).
     */
    static SuiteCluster isolated(Class<?> suite, Mode mode, int basePort) {
        return new SuiteCluster(suite, mode, basePort, true);
    }

    /**
     * The suite's bounds: how long a leader may take to be there at all, and the write gap (from a fault to the first
     * committed transfer sent after it) the shared faults allow.
     */
    SuiteCluster bounded(Duration leaderTimeout, Duration writeGapMax) {
        this.leaderTimeout = leaderTimeout;
        this.writeGapMax = writeGapMax;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (isolated) {
            Assumptions.assumeTrue(TestCluster.canIsolate(), name + " needs root, ip and nft");
            cluster = TestCluster.isolated(name, mode, basePort, false);
        } else {
            proxies = new DatabaseProxies();
            cluster = new TestCluster(name, mode, basePort, false, proxies);
        }
        state = cluster.start();
        listenPorts = cluster.listenPorts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) { // null when the suite was skipped before it started
                Map<String, List<Long>> processes = cluster.nodes().processes();
                cluster.close(); // as ./ledger down stops it
                if (state != null) { // null when it failed to start: that failure is the one to report
                    assertNothingLeftBehind(processes);
                }
            }
        } finally {
            if (proxies != null) {
                proxies.close();
            }
        }
    }

    /**
     * Stopped as {@code ./ledger down} stops it, every suite's cluster leaves no process behind (nodes, ZooKeeper
     * members, the postmaster) and no port taken.
     */
    private void assertNothingLeftBehind(Map<String, List<Long>> processes) throws InterruptedException {
        List<ProcessHandle> live = new ArrayList<>();
        for (long pid : processes.values().stream().flatMap(List::stream).toList()) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent() && !Processes.awaitExit(process.get(), EXIT_MAX)) {
                live.add(process.get());
            }
        }
        assertEquals(List.of(), live, name + ": processes of the cluster " + processes + " still running");
        List<Integer> taken = new ArrayList<>(listenPorts);
        taken.add(URI.create(state.database().jdbcUrl().substring("jdbc:".length())).getPort());
        assertEquals(List.of(), taken.stream().filter(port -> !Loopback.isPortFree(port)).toList(),
                name + ": ports of the cluster still taken");
    }

    TestCluster cluster() {
        return cluster;
    }

    /** The relays to PostgreSQL; null for an isolated cluster, whose nodes are cut by the network instead. */
    DatabaseProxies proxies() {
        return proxies;
    }

    Duration leaderTimeout() {
        return leaderTimeout;
    }

    Duration writeGapMax() {
        return writeGapMax;
    }

    /** What the cluster recorded when it started: its processes and ports. */
    ClusterState state() {
        return state;
    }
}
