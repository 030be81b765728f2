package dev.ledger.cluster;

import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * How a node's JVM starts: its command line and its environment, made from the cluster's options and from what runs
 * before the nodes (PostgreSQL, a ZooKeeper ensemble, the relay). A restarted node gets the same as at its first start.
 */
final class NodeLauncher {

    private final LedgerHome home;
    private final ClusterOptions options;
    private final List<NodeSpec> specs;
    private final ClusterCredentials credentials;
    private final DatabaseControl database;
    private final BiFunction<NodeSpec, DatabaseConnection, DatabaseConnection> databaseRoute;
    /** Null without a round trip. */
    private final RelayedLinks links;
    /** Null in the modes without an ensemble. */
    private final ZooKeeperEnsemble zooKeeper;
    /** The workflow mode's second shard; null in the other modes. */
    private final DatabaseControl shard1Database;

    NodeLauncher(LedgerHome home, ClusterOptions options, List<NodeSpec> specs, ClusterCredentials credentials,
            DatabaseControl database, BiFunction<NodeSpec, DatabaseConnection, DatabaseConnection> databaseRoute,
            RelayedLinks links, ZooKeeperEnsemble zooKeeper, DatabaseControl shard1Database) {
        this.home = home;
        this.options = options;
        this.specs = specs;
        this.credentials = credentials;
        this.database = database;
        this.databaseRoute = databaseRoute;
        this.links = links;
        this.zooKeeper = zooKeeper;
        this.shard1Database = shard1Database;
    }

    NodeProcess start(NodeSpec node) throws IOException {
        return NodeProcess.start(node, command(node), environment(node));
    }

    /**
     * A comparison's nodes run their JIT compiler threads at nice -10 (the JVM's native thread priorities need
     * ThreadPriorityPolicy=1, and root; elsewhere the JVM warns and ignores it). The compilers then get the CPU
     * while the warm-up load competes for it, and are done sooner: on two cores, three pessimistic nodes under
     * load spent 61-68 s compiling in their first three minutes instead of 138-145 s, and were warm a minute
     * earlier. Once warm, compilers idle, so the figures measured after the warm-up are not changed by it.
     */
    private List<String> command(NodeSpec node) {
        List<String> jvmOptions = options.benchmark()
                ? List.of("-XX:ThreadPriorityPolicy=1", "-XX:CompilerThreadPriority=-10") : List.of();
        List<String> command = NodeProcess.javaCommand(node, home.serviceJar(), jvmOptions);
        return options.isolated() ? IsolatedNetwork.inNamespace(node.id(), command) : command;
    }

    private Map<String, String> environment(NodeSpec node) {
        DatabaseConnection route = databaseRoute.apply(node, database.connection());
        Map<String, String> environment = new LinkedHashMap<>(
                (links == null ? route : links.database(DatabaseName.MAIN, route)).asEnvironment());
        environment.putAll(credentials.environment(options.mode()));
        environment.put(NodeEnvironment.MODE, options.mode().value());
        environment.put(NodeEnvironment.NODE_ID, node.id());
        environment.put(NodeEnvironment.HTTP_HOST, node.host());
        environment.put(NodeEnvironment.HTTP_PORT, String.valueOf(node.httpPort()));
        if (options.mode() == Mode.RAFT) {
            environment.put(NodeEnvironment.RAFT_PEERS, specs.stream().map(spec -> links == null ? spec.raftPeer()
                    : links.raftPeer(spec)).collect(Collectors.joining(",")));
            if (links != null) {
                environment.put(NodeEnvironment.RAFT_BIND_PORT, String.valueOf(RelayedLinks.raftBindPort(node)));
            }
            environment.put(NodeEnvironment.RAFT_DATA_DIR, node.raftDataDir().toString());
            if (options.adoptDatabase()) {
                environment.put(NodeEnvironment.RAFT_ADOPT_DATABASE, "true");
            }
        } else {
            // The dashboard at / shows every node; raft nodes know each other from their peers, these do not.
            environment.put(NodeEnvironment.DASHBOARD_NODES,
                    specs.stream().map(spec -> spec.id() + "@" + spec.httpUrl()).collect(Collectors.joining(",")));
        }
        if (zooKeeper != null) {
            environment.put(NodeEnvironment.ZOOKEEPER_CONNECT,
                    links == null ? zooKeeper.connectString() : links.zooKeeperConnect(zooKeeper.members()));
            // Where the others forward to while this node leads: it publishes the URL in the ensemble.
            environment.put(NodeEnvironment.ZOOKEEPER_HTTP_URL, links == null ? node.httpUrl() : links.peerUrl(node));
        }
        if (shard1Database != null) {
            DatabaseConnection shard1 = shard1Database.connection();
            environment.put(NodeEnvironment.WORKFLOW_SHARD1_URL,
                    (links == null ? shard1 : links.database(DatabaseName.SHARD_1, shard1)).jdbcUrl());
        }
        // Where ./ledger compare writes its reports, so the dashboard shows the latest one.
        environment.put(NodeEnvironment.DASHBOARD_REPORTS_DIR, home.reportsDir().toString());
        if (options.benchmark()) {
            environment.put(NodeEnvironment.RATE_LIMIT_PER_CLIENT_PER_SECOND, "0");
            environment.put(NodeEnvironment.HTTP_NOOP_ENABLED, "true");
        }
        return environment;
    }
}
