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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ledger partition} and {@code ./ledger heal}, on a cluster started with {@code up --isolated}: cuts the
 * network between nodes and ZooKeeper members (or between a node and PostgreSQL) for real, and lifts the cut. With
 * {@code --seconds} the cut is lifted after that long (also on Ctrl-C); without, it stays until {@code heal}.
 */
@Command(name = "partition", sortOptions = false, description = {
        "Cut the network of an --isolated cluster: packets are dropped, as in a real partition, while clients on this"
                + " host still reach every node."})
final class PartitionCommand implements Callable<Integer> {

    static final int MAX_SECONDS = 600;

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();
    @ArgGroup(exclusive = true, multiplicity = "1")
    private Cut cut;
    @Option(names = "--seconds", paramLabel = "S", description = "Heal after S seconds, 1 to " + MAX_SECONDS
            + " (also on Ctrl-C); without it the cut stays until ./ledger heal.")
    private Integer seconds;

    /** One kind of cut. */
    static final class Cut {
        @Option(names = "--isolate-leader", required = true, description = "The leader from the other nodes (and"
                + " from the ZooKeeper members).")
        private boolean isolateLeader;
        @Option(names = "--split", required = true, split = ",", paramLabel = "N",
                description = "The nodes or ZooKeeper members N,... (2 or n2, zk1) from the rest.")
        private List<String> split;
        @Option(names = "--bridge", required = true, description = "Two halves that reach one node between them"
                + " but not each other (the leader at one end).")
        private boolean bridge;
        @Option(names = "--database", required = true, paramLabel = "N", description = "Node N from PostgreSQL.")
        private String database;
        @Option(names = "--ensemble", required = true, paramLabel = "N", description = "Node N, or the leader, from"
                + " every ZooKeeper member (zookeeper mode): it still reaches PostgreSQL and the other nodes.")
        private String ensemble;
    }

    PartitionCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds != null && (seconds < 1 || seconds > MAX_SECONDS)) {
            throw new UsageException("--seconds needs a whole number from 1 to " + MAX_SECONDS);
        }
        ClusterState state = isolatedCluster();
        List<String> ids = List.copyOf(state.addresses().keySet());
        Partition partition;
        try {
            partition = chosen(state, ids);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
        IsolatedNetwork.apply(partition, state.addresses(), databasePort(state));
        System.out.printf("%s cut: %s%n", now(), partition.description());
        if (seconds == null) {
            System.out.println("the cut stays until ./ledger heal");
            return LedgerCli.EXIT_OK;
        }
        Thread healer = new Thread(() -> heal(ids), "heal-on-exit");
        Runtime.getRuntime().addShutdownHook(healer);
        try {
            Thread.sleep(seconds * 1000L);
        } finally {
            heal(ids);
            Runtime.getRuntime().removeShutdownHook(healer);
        }
        return LedgerCli.EXIT_OK;
    }

    private Partition chosen(ClusterState state, List<String> ids) throws InterruptedException {
        if (cut.isolateLeader) {
            return Partition.isolate(leader(state), ids);
        }
        if (cut.split != null) {
            return Partition.split(cut.split.stream().map(PartitionCommand::nodeId).toList(), ids);
        }
        List<String> nodeIds = state.nodes().stream().map(NodeState::id).toList();
        if (cut.bridge) {
            // The leader at one end: the far end cannot hear it, the middle can.
            return Partition.bridge(nodeIds.stream().filter(id -> !id.equals(leaderOrNone(state))).findFirst()
                    .orElseThrow(), nodeIds);
        }
        if (cut.ensemble != null) {
            List<String> members = ids.stream().filter(id -> !nodeIds.contains(id)).toList();
            return Partition.fromEnsemble(cut.ensemble.equals("leader") ? leader(state) : nodeId(cut.ensemble),
                    members);
        }
        return Partition.fromDatabase(nodeId(cut.database));
    }

    @Command(name = "heal", description = "Lift every cut that partition made.")
    static final class Heal implements Callable<Integer> {
        private final LedgerHome home;

        Heal(LedgerHome home) {
            this.home = home;
        }

        @Override
        public Integer call() throws IOException {
            new PartitionCommand(home).heal();
            return LedgerCli.EXIT_OK;
        }
    }

    void heal() throws IOException {
        heal(List.copyOf(isolatedCluster().addresses().keySet()));
    }

    private static void heal(List<String> ids) {
        IsolatedNetwork.heal(ids);
        System.out.printf("%s healed: every node reaches every other, the ZooKeeper members and PostgreSQL%n",
                now());
    }

    private ClusterState isolatedCluster() throws IOException {
        ClusterState state = ClusterState.running(home.stateFile());
        if (!state.isolated()) {
            throw new CommandFailedException("the cluster runs on loopback, where nothing can be cut: start it with"
                    + " ./ledger up --mode " + state.mode().value() + " --isolated");
        }
        return state;
    }

    private String leader(ClusterState state) throws InterruptedException {
        String leader = leaderOrNone(state);
        if (leader == null) {
            throw new CommandFailedException("no leader to cut off (mode is " + state.mode().value() + ")");
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

    /** "2" and "n2" both name node n2; a name that starts with a letter (n2, zk1) is taken as it is. */
    private static String nodeId(String name) {
        return Character.isLetter(name.charAt(0)) ? name : "n" + name;
    }

    private static int databasePort(ClusterState state) {
        return URI.create(state.database().jdbcUrl().substring("jdbc:".length())).getPort();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
