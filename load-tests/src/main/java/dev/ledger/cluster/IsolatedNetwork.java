package dev.ledger.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Each node of a local cluster, and each ZooKeeper member, in a Linux network namespace of its own ({@code ledger-n1},
 * ..., {@code ledger-zk1}, ...), so that the network between them can be cut for real: a veth pair per namespace
 * joins it to a bridge ({@code ledger0}) on the host, which holds {@link #HOST_ADDRESS}. The nodes, the members,
 * PostgreSQL (listening on the host address too) and clients on the host reach each other through the bridge. A cut
 * is an nftables table inside a namespace that drops packets to and from the addresses it must not reach, so the
 * kernel of the other side never answers: TCP connections hang and time out, as in a real partition. Needs root,
 * {@code ip} (iproute2) and {@code nft} (nftables); uses only these names and the subnet 10.77.0.0/24, and deletes
 * them all again.
 */
public final class IsolatedNetwork {

    public static final String HOST_ADDRESS = "10.77.0.1";
    private static final String SUBNET_PREFIX = "10.77.0.";
    private static final int PREFIX_LENGTH = 24;
    static final String SUBNET = SUBNET_PREFIX + "0/" + PREFIX_LENGTH;
    /** Node n1 gets .11, n2 .12, ...: up to 200 nodes stay inside the /24. */
    private static final int FIRST_NODE_HOST = 10;
    private static final int FIRST_MEMBER_HOST = 20;
    private static final String BRIDGE = "ledger0";
    private static final String NAMESPACE_PREFIX = "ledger-";
    private static final String CUT_TABLE = "ledger_partition";
    private static final int COMMAND_TIMEOUT_SECONDS = 10;

    private IsolatedNetwork() {
    }

    /** The address of node {@code index} (1-based) inside its namespace. */
    public static String nodeAddress(int index) {
        return SUBNET_PREFIX + (FIRST_NODE_HOST + index);
    }

    /** The address of ZooKeeper member {@code myid} (1-based) inside its namespace. */
    public static String memberAddress(int myid) {
        return SUBNET_PREFIX + (FIRST_MEMBER_HOST + myid);
    }

    public static String namespace(String nodeId) {
        return NAMESPACE_PREFIX + nodeId;
    }

    /** Says why the network cannot be set up here (not root, no ip or nft), or nothing. */
    public static void requireUsable() {
        List<String> missing = new ArrayList<>();
        if (!"0".equals(output(List.of("id", "-u"), "").strip())) {
            missing.add("root");
        }
        for (String tool : List.of("ip", "nft")) {
            if (!onPath(tool)) {
                missing.add("the " + tool + " command");
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandFailedException("--isolated puts each node in a network namespace of its own, which"
                    + " needs " + String.join(", ", missing) + " (Debian: iproute2 and nftables, run as root)");
        }
    }

    /**
     * Creates the bridge and a namespace for each id of {@code addressById} (a node or a ZooKeeper member, to the
     * address it gets inside), after removing what a killed earlier run left of them.
     */
    public static void create(Map<String, String> addressById) {
        destroy(addressById.keySet());
        run("ip", "link", "add", BRIDGE, "type", "bridge");
        run("ip", "addr", "add", HOST_ADDRESS + "/" + PREFIX_LENGTH, "dev", BRIDGE);
        run("ip", "link", "set", BRIDGE, "up");
        for (Map.Entry<String, String> entry : addressById.entrySet()) {
            String namespace = namespace(entry.getKey());
            run("ip", "netns", "add", namespace);
            // The host end is named after the namespace, the node's end is its eth0.
            run("ip", "link", "add", namespace, "type", "veth", "peer", "name", "eth0", "netns", namespace);
            run("ip", "link", "set", namespace, "master", BRIDGE);
            run("ip", "link", "set", namespace, "up");
            run("ip", "-n", namespace, "addr", "add", entry.getValue() + "/" + PREFIX_LENGTH, "dev", "eth0");
            run("ip", "-n", namespace, "link", "set", "eth0", "up");
            run("ip", "-n", namespace, "link", "set", "lo", "up");
        }
    }

    /** Deletes the namespaces (with their veth pairs and cuts) and the bridge; what is not there is skipped. */
    public static void destroy(Collection<String> nodeIds) {
        List<String> existing = List.of(output(List.of("ip", "netns", "list"), "").split("\n"));
        for (String nodeId : nodeIds) {
            String namespace = namespace(nodeId);
            if (existing.stream().anyMatch(line -> line.equals(namespace) || line.startsWith(namespace + " "))) {
                run("ip", "netns", "delete", namespace);
            }
        }
        if (!output(List.of("ip", "link", "show", BRIDGE), "").isEmpty()) {
            run("ip", "link", "delete", BRIDGE);
        }
    }

    /** The command, run inside the node's namespace ({@code ip netns exec} execs it: the PID is the command's). */
    public static List<String> inNamespace(String nodeId, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(nodeId)));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Cuts what the partition says, on every node of {@code addressById} (node id to its address), replacing any
     * earlier cut; {@code databasePort}: where PostgreSQL listens on the host.
     */
    public static void apply(Partition partition, Map<String, String> addressById, int databasePort) {
        addressById.keySet().forEach(node -> cut(node,
                partition.unreachableFrom(node).stream().map(addressById::get).toList(),
                partition.cutFromDatabase().contains(node) ? databasePort : null));
    }

    /** Lifts every cut. */
    public static void heal(Collection<String> nodeIds) {
        nodeIds.forEach(node -> cut(node, List.of(), null));
    }

    /**
     * Replaces what the node may not reach: every packet to or from {@code addresses} is dropped, and so is its
     * traffic with PostgreSQL when {@code databasePort} is given (only that port: clients on the host, which come
     * from the same address, still get through). Nothing to drop heals the node.
     */
    private static void cut(String nodeId, Collection<String> addresses, Integer databasePort) {
        String namespace = namespace(nodeId);
        runQuietly("ip", "netns", "exec", namespace, "nft", "delete", "table", "inet", CUT_TABLE);
        if (addresses.isEmpty() && databasePort == null) {
            return;
        }
        List<String> inputRules = new ArrayList<>();
        List<String> outputRules = new ArrayList<>();
        if (!addresses.isEmpty()) {
            String set = addresses.stream().sorted().collect(Collectors.joining(", ", "{ ", " }"));
            inputRules.add("ip saddr " + set + " drop");
            outputRules.add("ip daddr " + set + " drop");
        }
        if (databasePort != null) {
            inputRules.add("ip saddr " + HOST_ADDRESS + " tcp sport " + databasePort + " drop");
            outputRules.add("ip daddr " + HOST_ADDRESS + " tcp dport " + databasePort + " drop");
        }
        String table = "table inet " + CUT_TABLE + " {\n"
                + "  chain input { type filter hook input priority 0; policy accept;\n    "
                + String.join(";\n    ", inputRules) + "; }\n"
                + "  chain output { type filter hook output priority 0; policy accept;\n    "
                + String.join(";\n    ", outputRules) + "; }\n}\n";
        runWithInput(table, "ip", "netns", "exec", namespace, "nft", "-f", "-");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) {
        runWithInput(null, command);
    }

    private static void runQuietly(String... command) {
        output(List.of(command), "");
    }

    private static void runWithInput(String input, String... command) {
        Finished finished = execute(List.of(command), input, true);
        if (!finished.succeeded()) {
            throw new CommandFailedException(String.join(" ", command) + " failed: " + finished.output().strip());
        }
    }

    /** The command's standard output, or {@code otherwise} if it fails. */
    private static String output(List<String> command, String otherwise) {
        Finished finished = execute(command, null, false);
        return finished.succeeded() ? finished.output() : otherwise;
    }

    private record Finished(boolean succeeded, String output) {
    }

    /**
     * Runs the command for at most {@link #COMMAND_TIMEOUT_SECONDS}: its output goes to a file, read once it ended,
     * so that a command that hangs cannot hold the caller on a pipe.
     */
    private static Finished execute(List<String> command, String input, boolean withErrors) {
        Path output = null;
        try {
            output = Files.createTempFile("ledger-network-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
            if (withErrors) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean ended = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String text = Files.readString(output);
            return new Finished(ended && process.exitValue() == 0,
                    ended ? text : text + " (no end after " + COMMAND_TIMEOUT_SECONDS + " s)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted: " + String.join(" ", command));
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system's cleanup takes it
        }
    }
}
