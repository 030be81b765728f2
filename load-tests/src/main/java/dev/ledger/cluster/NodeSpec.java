package dev.ledger.cluster;

import dev.ledger.contract.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Node {@code n<i>} of a local cluster: its address (loopback, or its own in an {@link IsolatedNetwork}), its ports
 * and its working directory.
 */
public record NodeSpec(String id, String host, int httpPort, int raftPort, Path dir) {

    /** Raft ports sit this far above the HTTP ports, so both ranges stay apart for up to 100 nodes. */
    public static final int RAFT_PORT_OFFSET = 100;

    public static List<NodeSpec> forCluster(LedgerHome home, ClusterOptions options) {
        return IntStream.rangeClosed(1, options.nodes())
                .mapToObj(i -> {
                    String id = "n" + i;
                    int httpPort = options.basePort() + i - 1;
                    String host = options.isolated() ? IsolatedNetwork.nodeAddress(i) : Loopback.ADDRESS;
                    return new NodeSpec(id, host, httpPort, httpPort + RAFT_PORT_OFFSET, home.nodeDir(id));
                })
                .toList();
    }

    /** The ports this node will listen on, which must be free before it starts. */
    public List<Integer> listenPorts(Mode mode) {
        return mode == Mode.RAFT ? List.of(httpPort, raftPort) : List.of(httpPort);
    }

    public String httpUrl() {
        return "http://" + host + ":" + httpPort;
    }

    /** This node in the service's {@code LEDGER_RAFT_PEERS} format: {@code id@host:raftPort@httpUrl}. */
    String raftPeer() {
        return id + "@" + host + ":" + raftPort + "@" + httpUrl();
    }

    public Path log() {
        return dir.resolve("node.log");
    }

    /** The node's own java.io.tmpdir: RocksDB (raft) unpacks its native library there. */
    Path tmpDir() {
        return dir.resolve("tmp");
    }

    Path raftDataDir() {
        return dir.resolve("raft");
    }
}
