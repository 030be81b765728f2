package dev.ledger.api;

import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.mode.Leadership;
import dev.ledger.mode.TransferStrategy;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code GET /cluster} tells: this node's role; the leader fields are null in the database modes, the log
 * positions outside raft mode, the session outside zookeeper mode.
 */
public record ClusterResponse(
        @Schema(required = true) Mode mode,
        @Schema(required = true) String node,
        @Schema(required = true, description = "LEADER, FOLLOWER or CANDIDATE (raft, zookeeper), else STATELESS")
        String role,
        @Schema(required = true, nullable = true) String leader,
        @Schema(required = true, nullable = true, description = "The leader's HTTP base URL, where a leader-aware"
                + " client sends its transfers (also the Ledger-Leader header of every answer)") String leaderUrl,
        @Schema(required = true, nullable = true,
                description = "raft: the leader's term; zookeeper: the leadership's fencing token") Long term,
        @Schema(required = true, description = "raft: the group's members; zookeeper: the nodes in the leader"
                + " election now (a node that is gone leaves it once its ZooKeeper session expires); else this node")
        List<String> peers,
        @Schema(required = true, nullable = true) Long commitIndex,
        @Schema(required = true, nullable = true) Long appliedIndex,
        @Schema(required = true, nullable = true, description = "zookeeper: this node's ZooKeeper connection as"
                + " Curator reports it: CONNECTING, CONNECTED (also after a reconnection), SUSPENDED or LOST")
        String session) {

    public static ClusterResponse of(String nodeId, TransferStrategy strategy) {
        ClusterInfo info = strategy.cluster();
        String leaderUrl = strategy.leadership().flatMap(Leadership::leader)
                .map(leader -> LeaderHeader.baseUrl(leader.httpUrl())).orElse(null);
        return new ClusterResponse(strategy.mode(), nodeId, info.role(), info.leader(), leaderUrl, info.term(),
                info.peers(), info.commitIndex(), info.appliedIndex(), info.session());
    }
}
