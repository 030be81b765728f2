package dev.ledger.system;

import dev.ledger.cluster.ClusterState;
import dev.ledger.contract.Mode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one cluster all tests of a fault or partition suite share, as a JUnit extension: started before the first test
 * (before the suite's own {@code @BeforeAll}), stopped after the last. A suite registers it with
 * {@code @RegisterExtension static final SuiteCluster suite = ...}.
 */
final class SuiteCluster implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final Mode mode;
    private final int basePort;
    private final boolean isolated;
    private DatabaseProxies proxies;
    private TestCluster cluster;
    private ClusterState state;

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
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        if (proxies != null) {
            proxies.close();
        }
    }

    /** Stops the cluster as {@code ./ledger down} does; again after the last test, which then does nothing. */
    void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    TestCluster cluster() {
        return cluster;
    }

    /** The relays to PostgreSQL; null for an isolated cluster, whose nodes are cut by the network instead. */
    DatabaseProxies proxies() {
        return proxies;
    }

    /** What the cluster recorded when it started: its processes and ports. */
    ClusterState state() {
        return state;
    }
}
