package dev.ledger.tools;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The options of {@code ./ledger up}, parsed by hand from the command line. {@code faults} enables the admin fault
 * hooks (kill or pause the raft leader from the dashboard) with a token made for this cluster. {@code adoptDatabase}
 * (raft) lets a raft group whose log starts anew take over a database that holds a ledger already (its raft data
 * was deleted, or another group used it), instead of stopping.
 */
record UpOptions(ClusterMode mode, int nodes, int basePort, boolean detach, boolean faults, boolean adoptDatabase) {

    static final int DEFAULT_NODES = 3;
    /** A local demo cluster: every node is a JVM on this machine, so a handful is all that fits. */
    static final int MAX_NODES = 9;
    static final int DEFAULT_BASE_PORT = 8081;
    private static final int MAX_TCP_PORT = 65_535;

    /** Parses the arguments that follow {@code up}. */
    static UpOptions parse(List<String> args) throws UsageException {
        ClusterMode mode = null;
        int nodes = DEFAULT_NODES;
        int basePort = DEFAULT_BASE_PORT;
        boolean detach = false;
        boolean faults = false;
        boolean adoptDatabase = false;
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
                default -> throw new UsageException("unknown option for up: '" + option + "'");
            }
        }
        if (mode == null) {
            throw new UsageException("up needs --mode <" + ClusterMode.choices() + ">");
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new UsageException("--nodes must be between 1 and " + MAX_NODES + ", not " + nodes);
        }
        if (adoptDatabase && mode != ClusterMode.RAFT) {
            throw new UsageException("--adopt-database is for --mode raft: the other modes keep no log of their own");
        }
        int highestPort = basePort + NodeSpec.RAFT_PORT_OFFSET + nodes - 1;
        if (basePort < 1 || highestPort > MAX_TCP_PORT) {
            throw new UsageException("--base-port " + basePort + " leaves no room for " + nodes
                    + " HTTP ports and their raft ports (base port + " + NodeSpec.RAFT_PORT_OFFSET + ")");
        }
        return new UpOptions(mode, nodes, basePort, detach, faults, adoptDatabase);
    }

    /** The command line of the same cluster in the foreground: what a detached supervisor runs. */
    List<String> toForegroundArguments() {
        List<String> arguments = new ArrayList<>(List.of("up", "--mode", mode.cliName(), "--nodes",
                String.valueOf(nodes), "--base-port", String.valueOf(basePort)));
        if (faults) {
            arguments.add("--faults");
        }
        if (adoptDatabase) {
            arguments.add("--adopt-database");
        }
        return arguments;
    }

    private static String valueOf(String option, Deque<String> remaining) throws UsageException {
        if (remaining.isEmpty() || remaining.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return remaining.pop();
    }

    private static ClusterMode parseMode(String value) throws UsageException {
        try {
            return ClusterMode.fromCliName(value);
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
