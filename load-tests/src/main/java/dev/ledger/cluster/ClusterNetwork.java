package dev.ledger.cluster;

import dev.ledger.cluster.zookeeper.ZooKeeperMember;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The network of an {@code --isolated} cluster: each node and each ZooKeeper member in a namespace of its own
 * ({@link IsolatedNetwork}), made before the members and nodes start and deleted after they stopped, and cut between
 * them as a {@link Partition} says.
 */
final class ClusterNetwork {

    /** Node and member ids to the address each has inside its namespace. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final boolean withMembers;
    private final PrintStream out;

    ClusterNetwork(List<NodeSpec> specs, List<ZooKeeperMember> members, PrintStream out) {
        specs.forEach(spec -> addresses.put(spec.id(), spec.host()));
        members.forEach(member -> addresses.put(member.id(), member.host()));
        this.withMembers = !members.isEmpty();
        this.out = out;
    }

    void create() {
        IsolatedNetwork.requireUsable();
        IsolatedNetwork.create(addresses);
        out.println("network: each node" + (withMembers ? " and ZooKeeper member" : "") + " in a namespace of its"
                + " own (" + addresses.entrySet().stream()
                        .map(entry -> IsolatedNetwork.namespace(entry.getKey()) + " " + entry.getValue())
                        .collect(Collectors.joining(", "))
                + "), joined by a bridge to this host at " + IsolatedNetwork.HOST_ADDRESS);
    }

    /** Cuts as {@code partition} says, replacing any earlier cut; PostgreSQL listens on the host at that port. */
    void cut(Partition partition, int databasePort) {
        IsolatedNetwork.apply(partition, addresses, databasePort);
        out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " cut: " + partition.description());
    }

    void heal() {
        IsolatedNetwork.heal(addresses.keySet());
        out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " healed");
    }

    void destroy() {
        IsolatedNetwork.destroy(addresses.keySet());
        out.println("network namespaces deleted");
    }
}
