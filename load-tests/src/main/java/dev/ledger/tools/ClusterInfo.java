package dev.ledger.tools;

/**
 * The part of a node's {@code GET /cluster} that the tools show; outside raft mode the service
 * reports role STATELESS and no leader or term (null).
 */
record ClusterInfo(String role, String leader, Long term) {

    static final String LEADER_ROLE = "LEADER";

    boolean leads() {
        return LEADER_ROLE.equals(role);
    }
}
