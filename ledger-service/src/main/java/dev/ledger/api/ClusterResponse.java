package dev.ledger.api;

import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.mode.TransferStrategy;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What {@code GET /cluster} tells: this node's role; the raft fields are null in the database modes. */
public record ClusterResponse(
        @Schema(required = true) Mode mode,
        @Schema(required = true) String node,
        @Schema(required = true, description = "LEADER, FOLLOWER or CANDIDATE (raft), else STATELESS") String role,
        @Schema(required = true, nullable = true) String leader,
        @Schema(required = true, nullable = true) Long term,
        @Schema(required = true) List<String> peers,
        @Schema(required = true, nullable = true) Long commitIndex,
        @Schema(required = true, nullable = true) Long appliedIndex) {

    public static ClusterResponse of(String nodeId, TransferStrategy strategy) {
        ClusterInfo info = strategy.cluster();
        return new ClusterResponse(strategy.mode(), nodeId, info.role(), info.leader(), info.term(),
                info.peers(), info.commitIndex(), info.appliedIndex());
    }
}
