package dev.ledger.api;

import java.util.List;

/** What {@code GET /cluster} tells: this node's role; the raft fields are null in the database modes. */
public record ClusterResponse(String mode, String node, String role, String leader, Long term, List<String> peers,
        Long commitIndex, Long appliedIndex) {
}
