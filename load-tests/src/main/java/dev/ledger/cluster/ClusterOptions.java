package dev.ledger.cluster;

import dev.ledger.contract.Mode;
import java.time.Duration;

/**
 * The shape of a local cluster. {@code faults} enables the admin fault hooks (kill or pause the raft leader from the
 * dashboard) with a token made for this cluster. {@code adoptDatabase} (raft) lets a raft group whose log starts
 * anew take over a database that holds a ledger already (its raft data was deleted, or another group used it),
 * instead of stopping. {@code benchmark}: a comparison's cluster, whose nodes have no per-client rate limit (all
 * its clients come from 127.0.0.1, and at 2,000 requests a second per node the limit, not the mode, would be
 * measured). {@code durable}: the embedded PostgreSQL with fsync, synchronous_commit and full_page_writes on, so
 * that a commit costs a sync to disk as in production (the raft log is always synced); off by default, as zonky
 * runs it. {@code isolated}: each node in a network namespace of its own ({@link IsolatedNetwork}), so that
 * {@code ./ledger partition} can cut the network between them. {@code rtt}: the round trip of every link between two
 * processes of the cluster, through a delay relay ({@link RelayedLinks}); null: no relay, the processes talk
 * directly.
 */
public record ClusterOptions(Mode mode, int nodes, int basePort, boolean faults, boolean adoptDatabase,
        boolean benchmark, boolean durable, boolean isolated, Duration rtt) {

    /** A cluster whose processes talk directly. */
    public ClusterOptions(Mode mode, int nodes, int basePort, boolean faults, boolean adoptDatabase,
            boolean benchmark, boolean durable, boolean isolated) {
        this(mode, nodes, basePort, faults, adoptDatabase, benchmark, durable, isolated, null);
    }

    public boolean relayed() {
        return rtt != null;
    }
}
