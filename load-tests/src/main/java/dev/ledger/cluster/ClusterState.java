package dev.ledger.cluster;

import dev.ledger.contract.Mode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code ./ledger up} started, written to {@code .ledger/cluster/state.json} once every node is
 * ready, so that {@code status}, {@code down} and {@code kill-leader} find (only) those processes; {@code isolated}:
 * each node runs in a network namespace of its own ({@link IsolatedNetwork}), which {@code partition} can cut;
 * {@code zookeeper}: the local ensemble the nodes elect their leader with, null when they need none;
 * {@code shard1Database}: the workflow mode's second PostgreSQL, null in the other modes.
 */
public record ClusterState(Mode mode, RecordedProcess supervisor, DatabaseState database, List<NodeState> nodes,
        boolean isolated, ZooKeeperState zookeeper, DatabaseState shard1Database) {

    /** A cluster with one database: every mode's but the workflow mode's. */
    public ClusterState(Mode mode, RecordedProcess supervisor, DatabaseState database, List<NodeState> nodes,
            boolean isolated, ZooKeeperState zookeeper) {
        this(mode, supervisor, database, nodes, isolated, zookeeper, null);
    }

    /** The embedded PostgreSQL processes the cluster started: one, two in the workflow mode, none if external. */
    public List<RecordedProcess> embeddedPostgres() {
        return Stream.of(database, shard1Database).filter(Objects::nonNull).map(DatabaseState::embeddedPostgres)
                .filter(Objects::nonNull).toList();
    }

    /**
     * The PostgreSQL the nodes use; {@code embeddedPostgres} is null when it was given from outside, and
     * {@code durable} says whether the embedded one syncs its commits to disk.
     */
    public record DatabaseState(String jdbcUrl, RecordedProcess embeddedPostgres, boolean durable) {
    }

    public record NodeState(String id, String url, RecordedProcess process, String log) {
    }

    /** The members of the ZooKeeper ensemble, each with the last process it was started as. */
    public record ZooKeeperState(String connectString, List<ZooKeeperMemberState> members) {
    }

    public record ZooKeeperMemberState(String id, RecordedProcess process, String log) {
    }

    public static Optional<ClusterState> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(file.toFile(), ClusterState.class));
    }

    /** The cluster recorded in {@code file}; a command that needs one fails without it. */
    public static ClusterState running(Path file) throws IOException {
        return read(file).orElseThrow(() -> new CommandFailedException("no cluster running"));
    }

    /** Writes atomically, so a reader polling for the file never sees it half written. */
    public void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Json.MAPPER.writeValue(partial.toFile(), this);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Each node's and ZooKeeper member's id to the address it listens on: in an isolated cluster, where each is in a
     * network namespace of that name.
     */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        nodes.forEach(node -> addresses.put(node.id(), URI.create(node.url()).getHost()));
        if (zookeeper != null) {
            List<String> clientAddresses = List.of(zookeeper.connectString().split(","));
            for (int i = 0; i < zookeeper.members().size(); i++) {
                String clientAddress = clientAddresses.get(i);
                addresses.put(zookeeper.members().get(i).id(),
                        clientAddress.substring(0, clientAddress.lastIndexOf(':')));
            }
        }
        return addresses;
    }

    /** Whether any recorded process still runs: then this cluster, or a part of it, is still up. */
    public boolean anyProcessAlive() {
        return recordedProcesses().anyMatch(process -> process.findLive().isPresent());
    }

    private Stream<RecordedProcess> recordedProcesses() {
        Stream<RecordedProcess> postgres = embeddedPostgres().stream();
        Stream<RecordedProcess> nodeProcesses = nodes.stream().map(NodeState::process);
        Stream<RecordedProcess> zooKeeperMembers = Stream.ofNullable(zookeeper)
                .flatMap(ensemble -> ensemble.members().stream()).map(ZooKeeperMemberState::process);
        return Stream.of(Stream.of(supervisor), nodeProcesses, zooKeeperMembers, postgres).flatMap(s -> s);
    }
}
