package dev.ledger.cluster;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The network of an {@code --isolated} cluster: each node in a namespace of its own ({@link IsolatedNetwork}), made
 * before the nodes start and deleted after they stopped, and cut between them as a {@link Partition} says.
 */
final class ClusterNetwork {

    private final List<NodeSpec> specs;
    private final PrintStream out;

    ClusterNetwork(List<NodeSpec> specs, PrintStream out) {
        this.specs = specs;
        this.out = out;
    }

    void create() {
        IsolatedNetwork.requireUsable();
        IsolatedNetwork.create(nodeIds());
        out.println("network: each node in a namespace of its own (" + specs.stream()
                .map(spec -> IsolatedNetwork.namespace(spec.id()) + " " + spec.host()).collect(Collectors.joining(", "))
                + "), joined by a bridge to this host at " + IsolatedNetwork.HOST_ADDRESS);
    }

    /** Cuts as {@code partition} says, replacing any earlier cut; PostgreSQL listens on the host at that port. */
    void cut(Partition partition, int databasePort) {
        Map<String, String> addresses = new LinkedHashMap<>();
        specs.forEach(spec -> addresses.put(spec.id(), spec.host()));
        IsolatedNetwork.apply(partition, addresses, databasePort);
        out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " cut: " + partition.description());
    }

    void heal() {
        IsolatedNetwork.heal(nodeIds());
        out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " healed");
    }

    void destroy() {
        IsolatedNetwork.destroy(nodeIds());
        out.println("network namespaces deleted");
    }

    private List<String> nodeIds() {
        return specs.stream().map(NodeSpec::id).toList();
    }
}
