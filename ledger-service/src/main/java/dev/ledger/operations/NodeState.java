package dev.ledger.operations;

import dev.ledger.api.ClusterResponse;
import dev.ledger.operations.RoleHistory.RoleChange;
import java.util.List;

/**
 * This node in one answer ({@code GET /dashboard/node}), so that another node's dashboard needs one request per node.
 *
 * @param ready whether the strategy can take writes (a leader mode: a leader is known and this node can write), as in
 *        the ledger readiness check
 * @param roleChanges its last role changes, oldest first (empty in the modes without a leader)
 */
public record NodeState(String id, boolean ready, ClusterResponse cluster, NodeStats stats,
        List<RoleChange> roleChanges) {
}
