package dev.ledger.cli;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code ./ledger up}: the cluster, and whether to detach. */
public record UpOptions(ClusterOptions cluster, boolean detach) {

    static final int DEFAULT_NODES = 3;
    /** A local demo cluster: every node is a JVM on this machine, so a handful is all that fits. */
    static final int MAX_NODES = 9;
    static final int DEFAULT_BASE_PORT = 8081;
    private static final int MAX_TCP_PORT = 65_535;

    /** Checks the options against each other, as one field's converter cannot. */
    public UpOptions {
        if (cluster.nodes() < 1 || cluster.nodes() > MAX_NODES) {
            throw new UsageException("--nodes must be between 1 and " + MAX_NODES + ", not " + cluster.nodes());
        }
        if (cluster.adoptDatabase() && cluster.mode() != Mode.RAFT) {
            throw new UsageException("--adopt-database is for --mode raft: the other modes keep no log of their own");
        }
        int highestPort = cluster.basePort() + NodeSpec.RAFT_PORT_OFFSET + cluster.nodes() - 1;
        if (cluster.basePort() < 1 || highestPort > MAX_TCP_PORT) {
            throw new UsageException("--base-port " + cluster.basePort() + " leaves no room for " + cluster.nodes()
                    + " HTTP ports and their raft ports (base port + " + NodeSpec.RAFT_PORT_OFFSET + ")");
        }
    }

    /** The command line of the same cluster in the foreground: what a detached supervisor runs. */
    List<String> toForegroundArguments() {
        List<String> arguments = new ArrayList<>(List.of("up", "--mode", cluster.mode().value(), "--nodes",
                String.valueOf(cluster.nodes()), "--base-port", String.valueOf(cluster.basePort())));
        if (cluster.faults()) {
            arguments.add("--faults");
        }
        if (cluster.adoptDatabase()) {
            arguments.add("--adopt-database");
        }
        if (cluster.durable()) {
            arguments.add("--durable");
        }
        if (cluster.isolated()) {
            arguments.add("--isolated");
        }
        return arguments;
    }
}
