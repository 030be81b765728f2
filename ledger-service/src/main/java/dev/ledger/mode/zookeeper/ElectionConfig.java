package dev.ledger.mode.zookeeper;

import org.apache.curator.utils.PathUtils;

/**
 * Where and as whom a node joins the leader election.
 *
 * @param connect the ZooKeeper ensemble, {@code host:port,host:port,...}
 * @param root the znode under which the election keeps its nodes, e.g. {@code /ledger}: the latch, the epoch and
 *     the leader
 * @param nodeId this node's id, unique among the nodes that elect on {@code root}
 * @param httpUrl where the other nodes reach this one while it leads (they forward transfers there)
 * @param sessionTimeoutMs how long ZooKeeper keeps this node's session, and so its leadership, once it stops hearing
 *     from it; the ZooKeeper client suspends after two thirds of it without contact, and a suspended leader stops
 * @param connectionTimeoutMs how long an operation waits for a connection to the ensemble before it fails
 */
public record ElectionConfig(String connect, String root, String nodeId, String httpUrl, int sessionTimeoutMs,
        int connectionTimeoutMs) {

    public ElectionConfig {
        PathUtils.validatePath(root);
        if (root.equals("/")) {
            throw new IllegalArgumentException("the election needs a root of its own, not /");
        }
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("a node id is required");
        }
    }

    String latchPath() {
        return root + "/latch";
    }

    String epochPath() {
        return root + "/epoch";
    }

    String leaderPath() {
        return root + "/leader";
    }
}
