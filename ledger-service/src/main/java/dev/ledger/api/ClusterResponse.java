package dev.ledger.api;

import dev.ledger.contract.ClusterInfo;
import dev.ledger.mode.TransferStrategy;
import java.util.List;

/** What {@code GET /cluster} tells: this node's role; the raft fields are null in the database modes. */
public record ClusterResponse(String mode, String node, String role, String leader, Long term, List<String> peers,
        Long commitIndex, Long appliedIndex) {

    public static ClusterResponse of(String nodeId, TransferStrategy strategy) {
        ClusterInfo info = strategy.cluster();
        return new ClusterResponse(strategy.mode().value(), nodeId, info.role(), info.leader(), info.term(),
                info.peers(), info.commitIndex(), info.appliedIndex());
    }
}
