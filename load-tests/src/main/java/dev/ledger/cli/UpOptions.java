package dev.ledger.cli;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.cluster.RelayedLinks;
import dev.ledger.cluster.zookeeper.ZooKeeperEnsemble;
import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import dev.ledger.contract.Mode;
import java.math.BigDecimal;
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
        if (cluster.isolated() && cluster.relayed()) {
            throw new UsageException("--rtt and --isolated do not go together: the relay listens on loopback");
        }
        if (cluster.basePort() < 1 || highestPort(cluster) > MAX_TCP_PORT) {
            throw new UsageException("--base-port " + cluster.basePort() + " leaves no room for "
                    + portsNeeded(cluster));
        }
    }

    /**
     * Every mode keeps room for the raft ports, so that a base port that one mode takes serves every mode; the
     * zookeeper mode's ensemble sits above them.
     */
    private static int highestPort(ClusterOptions cluster) {
        int raftHighest = cluster.basePort() + NodeSpec.RAFT_PORT_OFFSET + cluster.nodes() - 1;
        int highest = ZooKeeperEnsemble.isNeededBy(cluster.mode())
                ? Math.max(raftHighest, ZooKeeperMember.highestPort(cluster.basePort())) : raftHighest;
        return cluster.relayed() ? Math.max(highest, RelayedLinks.highestPort(cluster)) : highest;
    }

    private static String portsNeeded(ClusterOptions cluster) {
        String nodePorts = cluster.nodes() + " HTTP ports and their raft ports (base port + "
                + NodeSpec.RAFT_PORT_OFFSET + ")";
        String ports = ZooKeeperEnsemble.isNeededBy(cluster.mode())
                ? nodePorts + " and the ZooKeeper members' ports (up to base port + "
                        + (ZooKeeperMember.highestPort(cluster.basePort()) - cluster.basePort()) + ")"
                : nodePorts;
        return cluster.relayed() ? ports + " and the relay's (up to base port + "
                + (RelayedLinks.highestPort(cluster) - cluster.basePort()) + ")" : ports;
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
        if (cluster.relayed()) {
            arguments.addAll(List.of("--rtt",
                    BigDecimal.valueOf(cluster.rtt().toNanos(), 6).stripTrailingZeros().toPlainString() + "ms"));
        }
        return arguments;
    }
}
