package dev.ledger.operations;

import dev.ledger.api.ClusterResponse;

/**
 * This node in one answer ({@code GET /dashboard/node}), so that another node's dashboard needs one request per node.
 *
 * @param ready whether the strategy can take writes (raft: a leader is known and this node has caught up), as in
 *        the ledger readiness check
 */
public record NodeState(String id, boolean ready, ClusterResponse cluster, NodeStats stats) {
}
