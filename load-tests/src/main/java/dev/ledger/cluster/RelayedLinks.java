package dev.ledger.cluster;

import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.Mode;
import dev.ledger.network.RelayProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster whose processes talk through a {@link RelayProcess} ({@code --rtt}): every link between two of them
 * carries the relay's delay, while clients reach the nodes directly. Relayed: node to PostgreSQL, node to ZooKeeper,
 * node to node (raft replication, and the HTTP forward to the leader). How each is put through the relay:
 * <ul>
 * <li>PostgreSQL and ZooKeeper are reached by the nodes as clients: they are given the relay's ports instead.</li>
 * <li>Raft names its members by address and port, so a member's peer port is the relay's, and the member's raft
 * server listens on another ({@code ledger.raft.bind-port}, {@link #RAFT_BIND_OFFSET} above its HTTP port).</li>
 * <li>A node's peers reach its HTTP port through the relay at {@link #PEER_HTTP_OFFSET} above it: the URL
 * they forward to, which is also the leader URL a node tells its clients (a leader-aware client of a relayed cluster
 * maps it back to the node: {@link #advertisedUrl}).</li>
 * </ul>
 * ZooKeeper members among themselves are not relayed: the ensemble's own traffic is not a link of the strategies. The
 * database links alone (one per database: the workflow mode has two) can be taken out of the relay and put back
 * ({@link LocalCluster#databaseRegime}): PostgreSQL restarts between regimes anyway, and can take the relay's port.
 */
public final class RelayedLinks {

    /** Above a node's HTTP port: where its peers reach it. */
    static final int PEER_HTTP_OFFSET = 5 * NodeSpec.RAFT_PORT_OFFSET;
    /** Above a node's HTTP port: where its raft server listens, behind the relay on its peer port. */
    static final int RAFT_BIND_OFFSET = 6 * NodeSpec.RAFT_PORT_OFFSET;
    private static final Pattern JDBC_HOST_PORT = Pattern.compile("^(jdbc:postgresql://)([^/:]+):(\\d+)(/.*)$");

    private final ClusterOptions options;
    private final RelayProcess relay;

    private RelayedLinks(ClusterOptions options, RelayProcess relay) {
        this.options = options;
        this.relay = relay;
    }

    /** The highest port a relayed cluster takes: the last node's raft server's, or its peer HTTP port. */
    public static int highestPort(ClusterOptions options) {
        int offset = options.mode() == Mode.RAFT ? RAFT_BIND_OFFSET : PEER_HTTP_OFFSET;
        return options.basePort() + options.nodes() - 1 + offset;
    }

    /** The ports the relay and the nodes behind it listen on beside the usual ones, which must be free. */
    static List<Integer> listenPorts(ClusterOptions options, List<NodeSpec> nodes) {
        List<Integer> ports = new ArrayList<>();
        for (NodeSpec node : nodes) {
            if (options.mode().hasLeader()) {
                ports.add(peerHttpPort(node));
            }
            if (options.mode() == Mode.RAFT) {
                ports.add(raftBindPort(node));
            }
        }
        return ports;
    }

    /**
     * Starts the relay in front of the {@code databases} (JDBC URLs), the ZooKeeper {@code members} and the nodes, with
     * the options' round trip; its errors go to {@code log}.
     */
    static RelayedLinks start(ClusterOptions options, List<NodeSpec> nodes, Map<DatabaseName, String> databases,
            List<ZooKeeperMember> members, Path log) throws IOException {
        List<RelayProcess.Link> links = new ArrayList<>();
        databases.forEach((name, url) -> {
            Matcher jdbc = jdbcHostPort(url);
            links.add(new RelayProcess.Link(link(name), 0, jdbc.group(2), Integer.parseInt(jdbc.group(3))));
        });
        for (ZooKeeperMember member : members) {
            links.add(new RelayProcess.Link(member.id(), 0, member.host(), member.clientPort()));
        }
        for (NodeSpec node : nodes) {
            if (options.mode().hasLeader()) {
                links.add(new RelayProcess.Link(node.id() + "-http", peerHttpPort(node), node.host(),
                        node.httpPort()));
            }
            if (options.mode() == Mode.RAFT) {
                links.add(new RelayProcess.Link(node.id() + "-raft", node.raftPort(), node.host(),
                        raftBindPort(node)));
            }
        }
        RelayProcess relay = RelayProcess.start(options.rtt(), links, log);
        return new RelayedLinks(options, relay);
    }

    public RelayProcess relay() {
        return relay;
    }

    /** The database as the nodes reach it: through the relay. */
    DatabaseConnection database(DatabaseName name, DatabaseConnection direct) {
        Matcher jdbc = jdbcHostPort(direct.jdbcUrl());
        String relayed = jdbc.group(1) + Loopback.ADDRESS + ":" + relay.port(link(name)) + jdbc.group(4);
        return new DatabaseConnection(relayed, direct.username(), direct.password());
    }

    /** The port the nodes' URL of the database names: the relay's, or PostgreSQL's own once it is reached straight. */
    int databasePort(DatabaseName name) {
        return relay.port(link(name));
    }

    /** The relay lets go of {@link #databasePort}, for PostgreSQL itself to listen there. */
    void databaseStraight(DatabaseName name) throws IOException {
        relay.close(link(name));
    }

    /** The relay takes {@link #databasePort} back, in front of PostgreSQL now on {@code port}. */
    void databaseRelayed(DatabaseName name, int port) throws IOException {
        relay.open(link(name), Loopback.ADDRESS, port);
    }

    /** The relay's link to a database is named as its data directory: {@code postgres}, {@code postgres-shard1}. */
    private static String link(DatabaseName name) {
        return name.directory();
    }

    /** The ensemble as the nodes reach it: through the relay. */
    String zooKeeperConnect(List<ZooKeeperMember> members) {
        return members.stream().map(member -> Loopback.ADDRESS + ":" + relay.port(member.id()))
                .collect(Collectors.joining(","));
    }

    /** Where a node's peers reach its HTTP port, and where it says it leads. */
    String peerUrl(NodeSpec node) {
        return advertisedUrl(node, options);
    }

    /** The base URL under which a node of a relayed cluster names itself as the leader. */
    public static String advertisedUrl(NodeSpec node, ClusterOptions options) {
        return options.relayed() ? "http://" + node.host() + ":" + peerHttpPort(node) : node.httpUrl();
    }

    /** A raft member's peer entry, with its peers' URL. */
    String raftPeer(NodeSpec node) {
        return node.id() + "@" + node.host() + ":" + node.raftPort() + "@" + peerUrl(node);
    }

    static int raftBindPort(NodeSpec node) {
        return node.httpPort() + RAFT_BIND_OFFSET;
    }

    private static int peerHttpPort(NodeSpec node) {
        return node.httpPort() + PEER_HTTP_OFFSET;
    }

    private static Matcher jdbcHostPort(String jdbcUrl) {
        Matcher jdbc = JDBC_HOST_PORT.matcher(jdbcUrl);
        if (!jdbc.matches()) {
            throw new CommandFailedException("--rtt needs the database as jdbc:postgresql://host:port/name, not "
                    + jdbcUrl);
        }
        return jdbc;
    }

    void stop() {
        relay.close();
    }
}
