package dev.ledger.cluster;

import dev.ledger.contract.Mode;

/**
 * The shape of a local cluster. {@code faults} enables the admin fault hooks (kill or pause the raft leader from the
 * dashboard) with a token made for this cluster. {@code adoptDatabase} (raft) lets a raft group whose log starts
 * anew take over a database that holds a ledger already (its raft data was deleted, or another group used it),
 * instead of stopping.
 */
public record ClusterOptions(Mode mode, int nodes, int basePort, boolean faults, boolean adoptDatabase) {
}
