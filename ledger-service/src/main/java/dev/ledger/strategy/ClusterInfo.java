package dev.ledger.strategy;

import java.util.List;

/**
 * This node's place in the cluster. Database-mode nodes are STATELESS (none leads, any serves any request, the
 * raft fields are null); raft nodes report LEADER, FOLLOWER or CANDIDATE with the leader, term and log positions.
 */
public record ClusterInfo(String role, String leader, Long term, List<String> peers, Long commitIndex,
        Long appliedIndex) {

    public static final String STATELESS = "STATELESS";

    public static ClusterInfo stateless() {
        return new ClusterInfo(STATELESS, null, null, List.of(), null, null);
    }
}
