package dev.ledger.contract;

import java.util.List;

/**
 * A node's place in the cluster, as {@code GET /cluster} tells it. Database-mode nodes are STATELESS (none leads,
 * any serves any request, the leader fields are null); raft nodes report LEADER, FOLLOWER or CANDIDATE (or JRaft's
 * state while stopping) with the leader, term and log positions. Zookeeper nodes report the same roles, their
 * leadership's fencing token as the term, no log positions, and {@code session}: the state of the node's ZooKeeper
 * connection as Curator last reported it (CONNECTING before the first report, then CONNECTED, also after a
 * reconnection, SUSPENDED or LOST); it is null in the other modes.
 */
public record ClusterInfo(String role, String leader, Long term, List<String> peers, Long commitIndex,
        Long appliedIndex, String session) {

    public static final String LEADER = "LEADER";
    public static final String FOLLOWER = "FOLLOWER";
    public static final String CANDIDATE = "CANDIDATE";
    public static final String STATELESS = "STATELESS";

    public static ClusterInfo stateless() {
        return new ClusterInfo(STATELESS, null, null, List.of(), null, null, null);
    }

    public boolean leads() {
        return LEADER.equals(role);
    }

    public boolean follows(String leaderId) {
        return FOLLOWER.equals(role) && leaderId.equals(leader);
    }
}
