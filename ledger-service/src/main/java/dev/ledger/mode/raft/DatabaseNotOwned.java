package dev.ledger.mode.raft;

/**
 * The shared database is not (or no longer) this raft group's to apply to: another group claimed it, its fence is
 * behind what this node saw applied, or an entry at or below the fence left no trace. Applying on would read
 * another log's fence as this one's, so the state machine stops instead, and says how to recover.
 */
public class DatabaseNotOwned extends RuntimeException {

    static final String RECOVERY = "To start this raft group on a database that already holds a ledger, restart"
            + " every node of the group with ledger.raft.adopt-database=true (./ledger up --mode raft"
            + " --adopt-database): the group then claims the database and goes on from its balances and transfers;"
            + " nothing is replayed. Never point two running groups at one database.";

    DatabaseNotOwned(String problem) {
        super(problem + ". " + RECOVERY, null, false, false);
    }
}
