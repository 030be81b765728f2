package dev.ledger.cli;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The options of {@code ./ledger up}, parsed by hand from the command line: the cluster, and whether to detach. */
public record UpOptions(ClusterOptions cluster, boolean detach) {

    static final int DEFAULT_NODES = 3;
    /** A local demo cluster: every node is a JVM on this machine, so a handful is all that fits. */
    static final int MAX_NODES = 9;
    static final int DEFAULT_BASE_PORT = 8081;
    private static final int MAX_TCP_PORT = 65_535;

    /** Parses the arguments that follow {@code up}. */
    static UpOptions parse(List<String> args) throws UsageException {
        Mode mode = null;
        int nodes = DEFAULT_NODES;
        int basePort = DEFAULT_BASE_PORT;
        boolean detach = false;
        boolean faults = false;
        boolean adoptDatabase = false;
        boolean durable = false;
        boolean isolated = false;
        Deque<String> remaining = new ArrayDeque<>(args);
        while (!remaining.isEmpty()) {
            String option = remaining.pop();
            switch (option) {
                case "--mode" -> mode = parseMode(valueOf(option, remaining));
                case "--nodes" -> nodes = parseInt(option, valueOf(option, remaining));
                case "--base-port" -> basePort = parseInt(option, valueOf(option, remaining));
                case "--detach" -> detach = true;
                case "--faults" -> faults = true;
                case "--adopt-database" -> adoptDatabase = true;
                case "--durable" -> durable = true;
                case "--isolated" -> isolated = true;
                default -> throw new UsageException("unknown option for up: '" + option + "'");
            }
        }
        if (mode == null) {
            throw new UsageException("up needs --mode <" + Mode.choices("|") + ">");
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new UsageException("--nodes must be between 1 and " + MAX_NODES + ", not " + nodes);
        }
        if (adoptDatabase && mode != Mode.RAFT) {
            throw new UsageException("--adopt-database is for --mode raft: the other modes keep no log of their own");
        }
        int highestPort = basePort + NodeSpec.RAFT_PORT_OFFSET + nodes - 1;
        if (basePort < 1 || highestPort > MAX_TCP_PORT) {
            throw new UsageException("--base-port " + basePort + " leaves no room for " + nodes
                    + " HTTP ports and their raft ports (base port + " + NodeSpec.RAFT_PORT_OFFSET + ")");
        }
        return new UpOptions(new ClusterOptions(mode, nodes, basePort, faults, adoptDatabase, false, durable,
                isolated), detach);
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

    private static String valueOf(String option, Deque<String> remaining) throws UsageException {
        if (remaining.isEmpty() || remaining.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return remaining.pop();
    }

    private static Mode parseMode(String value) throws UsageException {
        try {
            return Mode.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int parseInt(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, not '" + value + "'");
        }
    }
}
