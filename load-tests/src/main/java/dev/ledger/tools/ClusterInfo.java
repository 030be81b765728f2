package dev.ledger.tools;

/**
 * The part of a node's {@code GET /cluster} that the tools use; outside raft mode the service
 * reports role STATELESS and no leader, term or indexes (null).
 */
record ClusterInfo(String role, String leader, Long term, Long commitIndex, Long appliedIndex) {

    static final String LEADER_ROLE = "LEADER";
    static final String FOLLOWER_ROLE = "FOLLOWER";

    boolean leads() {
        return LEADER_ROLE.equals(role);
    }

    boolean follows(String leaderId) {
        return FOLLOWER_ROLE.equals(role) && leaderId.equals(leader);
    }
}
