package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeClient;
import dev.ledger.cluster.Partition;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ledger partition} and {@code ./ledger heal}, on a cluster started with {@code up --isolated}: cuts the
 * network between nodes (or between a node and PostgreSQL) for real, and lifts the cut. With {@code --seconds} the
 * cut is lifted after that long (also on Ctrl-C); without, it stays until {@code heal}.
 */
final class PartitionCommand {

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();

    PartitionCommand(LedgerHome home) {
        this.home = home;
    }

    void partition(PartitionOptions options) throws IOException, InterruptedException {
        ClusterState state = isolatedCluster();
        List<String> ids = state.nodes().stream().map(NodeState::id).toList();
        Partition partition;
        try {
            partition = switch (options.kind()) {
                case ISOLATE_LEADER -> Partition.isolate(leader(state), ids);
                case SPLIT -> Partition.split(options.nodes().stream().map(PartitionCommand::nodeId).toList(), ids);
                // The leader at one end: the far end cannot hear it, the middle can.
                case BRIDGE -> Partition.bridge(ids.stream().filter(id -> !id.equals(leaderOrNone(state)))
                        .findFirst().orElseThrow(), ids);
                case DATABASE -> Partition.fromDatabase(nodeId(options.nodes().get(0)));
            };
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
        IsolatedNetwork.apply(partition, addresses(state), databasePort(state));
        System.out.printf("%s cut: %s%n", now(), partition.description());
        if (options.seconds() == null) {
            System.out.println("the cut stays until ./ledger heal");
            return;
        }
        Thread healer = new Thread(() -> heal(ids), "heal-on-exit");
        Runtime.getRuntime().addShutdownHook(healer);
        try {
            Thread.sleep(options.seconds() * 1000L);
        } finally {
            heal(ids);
            Runtime.getRuntime().removeShutdownHook(healer);
        }
    }

    void heal() throws IOException {
        heal(isolatedCluster().nodes().stream().map(NodeState::id).toList());
    }

    private static void heal(List<String> ids) {
        IsolatedNetwork.heal(ids);
        System.out.printf("%s healed: every node reaches every other and PostgreSQL%n", now());
    }

    private ClusterState isolatedCluster() throws IOException {
        ClusterState state = ClusterState.read(home.stateFile())
                .orElseThrow(() -> new CommandFailedException("no cluster running"));
        if (!state.isolated()) {
            throw new CommandFailedException("the cluster runs on loopback, where nothing can be cut: start it with"
                    + " ./ledger up --mode " + state.mode().value() + " --isolated");
        }
        return state;
    }

    private String leader(ClusterState state) throws InterruptedException {
        String leader = leaderOrNone(state);
        if (leader == null) {
            throw new CommandFailedException("no raft leader to isolate (mode is " + state.mode().value() + ")");
        }
        return leader;
    }

    private String leaderOrNone(ClusterState state) {
        try {
            return client.leaderAmong(state.nodes(), NodeState::url).map(claim -> claim.node().id()).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "2" and "n2" both name node n2. */
    private static String nodeId(String name) {
        return name.startsWith("n") ? name : "n" + name;
    }

    private static Map<String, String> addresses(ClusterState state) {
        Map<String, String> addresses = new LinkedHashMap<>();
        state.nodes().forEach(node -> addresses.put(node.id(), URI.create(node.url()).getHost()));
        return addresses;
    }

    private static int databasePort(ClusterState state) {
        return URI.create(state.database().jdbcUrl().substring("jdbc:".length())).getPort();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
