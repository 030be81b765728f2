package dev.ledger.contract;

import java.util.List;

/**
 * A node's place in the cluster, as {@code GET /cluster} tells it. Database-mode nodes are STATELESS (none leads,
 * any serves any request, the leader fields are null); raft nodes report LEADER, FOLLOWER or CANDIDATE (or JRaft's
 * state while stopping) with the leader, term and log positions.
 */
public record ClusterInfo(String role, String leader, Long term, List<String> peers, Long commitIndex,
        Long appliedIndex) {

    public static final String LEADER = "LEADER";
    public static final String FOLLOWER = "FOLLOWER";
    public static final String CANDIDATE = "CANDIDATE";
    public static final String STATELESS = "STATELESS";

    public static ClusterInfo stateless() {
        return new ClusterInfo(STATELESS, null, null, List.of(), null, null);
    }

    public boolean leads() {
        return LEADER.equals(role);
    }

    public boolean follows(String leaderId) {
        return FOLLOWER.equals(role) && leaderId.equals(leader);
    }
}
