package dev.ledger.cli;

import dev.ledger.cli.Converters.ModeConverter;
import dev.ledger.cli.Converters.ModeValues;
import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ledger up}: checks that nothing is in the way, then supervises the cluster in the
 * foreground until Ctrl-C or SIGTERM, or has a background supervisor do it ({@code --detach}).
 */
@Command(name = "up", sortOptions = false, description = {
        "Start a local cluster on " + Loopback.ADDRESS + ": N nodes answering HTTP on ports P..P+N-1 (raft uses P+"
                + NodeSpec.RAFT_PORT_OFFSET + ".. for its own traffic; zookeeper adds an ensemble of "
                + ZooKeeperMember.MEMBERS + " ZooKeeper members on P+" + (ZooKeeperMember.CLIENT_PORT_OFFSET + 1)
                + "..P+" + (ZooKeeperMember.ELECTION_PORT_OFFSET + ZooKeeperMember.MEMBERS)
                + "), with an embedded PostgreSQL unless " + NodeEnvironment.JDBC_URL + " is set.",
        "Stays in the foreground until Ctrl-C, unless --detach."})
public final class UpCommand implements Callable<Integer> {

    private final LedgerHome home;

    @Option(names = "--mode", required = true, paramLabel = "MODE", converter = ModeConverter.class,
            completionCandidates = ModeValues.class, description = "One of: ${COMPLETION-CANDIDATES}.")
    private Mode mode;
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "" + UpOptions.DEFAULT_NODES,
            description = "1 to " + UpOptions.MAX_NODES + " (default: ${DEFAULT-VALUE}).")
    private int nodes;
    @Option(names = "--base-port", paramLabel = "P", defaultValue = "" + UpOptions.DEFAULT_BASE_PORT,
            description = "The first node's HTTP port (default: ${DEFAULT-VALUE}).")
    private int basePort;
    @Option(names = "--detach", description = "Start in the background and return once the cluster is ready.")
    private boolean detach;
    @Option(names = "--faults", description = "The dashboard may kill or pause the leader, with a token it prints.")
    private boolean faults;
    @Option(names = "--adopt-database", description = "Raft: a group whose log starts anew (its raft data deleted)"
            + " takes over the database's ledger instead of refusing to apply.")
    private boolean adoptDatabase;
    @Option(names = "--durable", description = "The embedded PostgreSQL syncs every commit to disk (fsync on).")
    private boolean durable;
    @Option(names = "--isolated", description = "Each node in a network namespace of its own (root, ip and nft),"
            + " so that ./ledger partition can cut the network; the nodes answer on 10.77.0.11, .12, ..."
            + " (not with --mode zookeeper yet)")
    private boolean isolated;
    @Option(names = "--rtt", paramLabel = "D", converter = DurationConverter.class, description = "Every link"
            + " between two processes of the cluster (node to PostgreSQL, to ZooKeeper, to node) through a relay"
            + " that adds this round trip, half each way, like 1ms; clients reach the nodes directly.")
    private Duration rtt;

    public UpCommand(LedgerHome home) {
        this.home = home;
    }

    /** The parsed command line, checked as a whole. */
    UpOptions options() {
        return new UpOptions(new ClusterOptions(mode, nodes, basePort, faults, adoptDatabase, false, durable,
                isolated, rtt), detach);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        UpOptions options = options();
        refuseIfClusterRunning();
        LocalCluster.requireServiceJar(home);
        LocalCluster.requireFreePorts(home, options.cluster());
        if (options.cluster().isolated()) {
            IsolatedNetwork.requireUsable(); // said here, before a detached supervisor would say it into its log
        }
        if (options.detach()) {
            new DetachedStart(home).run(options);
        } else {
            runInForeground(options);
        }
        return LedgerCli.EXIT_OK;
    }

    private void runInForeground(UpOptions options) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(home, options.cluster());
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "ledger-cluster-stop"));
        ClusterState state;
        try {
            state = cluster.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.stop();
            throw e;
        }
        ClusterSummary.print(state, home, "./ledger down, or Ctrl-C here");
        cluster.superviseUntilStopped();
    }

    private void refuseIfClusterRunning() throws IOException {
        Optional<ClusterState> previous = ClusterState.read(home.stateFile());
        if (previous.isEmpty()) {
            return;
        }
        if (previous.get().anyProcessAlive()) {
            throw new CommandFailedException("a cluster is already running (mode " + previous.get().mode().value()
                    + ", see ./ledger status); run ./ledger down first");
        }
        // Every process it recorded is gone (its supervisor was killed, or the machine rebooted).
        Files.delete(home.stateFile());
    }
}
