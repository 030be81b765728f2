package dev.ledger.mode.raft;

import dev.ledger.domain.TransferCommand;
import dev.ledger.mode.batch.BatchReads;
import dev.ledger.mode.batch.BatchSql;
import dev.ledger.mode.batch.BatchWrites;
import dev.ledger.mode.batch.Parameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Plain JDBC for raft's batched apply: a whole batch of transfers costs three round trips, one that locks the
 * fence and reads what the batch needs, one that writes everything and advances the fence, and the commit. The reads
 * and writes are those every fenced store shares ({@link BatchSql}); raft's fence is the applied log index in
 * raft_fence, locked first, guarding each read, and advanced last. The caller owns the connection and the transaction.
 */
public final class IndexFencedStore {

    private static final String FENCE = "SELECT applied_index, group_id FROM raft_fence WHERE id = 1";
    private static final String FENCE_BELOW = "(SELECT applied_index FROM raft_fence WHERE id = 1) < ?";
    /**
     * Locks the fence, then reads (only if the fence is below the given index) the transfers recorded under the
     * batch's ids or keys, the refusals of its ids, and the balances of its accounts.
     */
    static final String LOCK_AND_READ = FENCE + " FOR UPDATE;" + BatchSql.reads(" AND " + FENCE_BELOW);
    /** Writes a decided batch, then advances the fence. */
    static final String WRITE = BatchSql.WRITES
            + "; UPDATE raft_fence SET applied_index = ?, applied_term = ? WHERE id = 1 AND applied_index < ?";
    /** The statements in {@link #WRITE}; the last one advances the fence. */
    private static final int WRITE_STATEMENTS = BatchSql.WRITE_STATEMENTS + 1;

    private IndexFencedStore() {
    }

    /**
     * The fence: the last raft index applied to this database, and the group that applied it (null before a group
     * claimed the database).
     */
    public record Fence(long appliedIndex, UUID groupId) {
    }

    /** Locks the fence row until the transaction ends and returns it. */
    public static Fence lockFence(Connection connection) throws SQLException {
        return fence(connection, " FOR UPDATE");
    }

    /** The fence as it is now, without locking it. */
    public static Fence fence(Connection connection) throws SQLException {
        return fence(connection, "");
    }

    private static Fence fence(Connection connection, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FENCE + lock);
                ResultSet row = select.executeQuery()) {
            return fence(row);
        }
    }

    private static Fence fence(ResultSet row) throws SQLException {
        if (!row.next()) {
            throw new IllegalStateException("raft_fence row missing: the schema was not migrated");
        }
        return new Fence(row.getLong(1), row.getObject(2, UUID.class));
    }

    public static long appliedIndex(Connection connection) throws SQLException {
        return fence(connection).appliedIndex();
    }

    /**
     * Sets the fence to {@code index} of {@code group}'s log, also backwards: a claim, or an adoption of a database
     * whose fence counts another log.
     */
    public static void claimFence(Connection connection, UUID group, long index, long term) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE raft_fence SET group_id = ?, applied_index = ?, applied_term = ? WHERE id = 1")) {
            update.setObject(1, group);
            update.setLong(2, index);
            update.setLong(3, term);
            update.executeUpdate();
        }
    }

    /** What a batch found under the fence lock: the fence, and what the batch is decided from. */
    public record Locked(Fence fence, BatchReads reads) {
    }

    /**
     * Locks the fence and, if it is below {@code readBelow}, reads what earlier entries left under the commands'
     * transfer ids or idempotency keys (a command seen twice, a key used before, an entry another node applied first)
     * and the balances of their accounts that exist, in one round trip. With the fence at or past {@code readBelow},
     * nothing is read: a follower that finds its batch applied has nothing to do.
     */
    public static Locked lockAndRead(Connection connection, List<TransferCommand> commands, long readBelow)
            throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(LOCK_AND_READ)) {
            BatchSql.bindReads(new Parameters(connection, read), commands, guard -> guard.setLong(readBelow));
            read.execute();
            Fence fence;
            try (ResultSet row = read.getResultSet()) {
                fence = fence(row);
            }
            return new Locked(fence, BatchSql.readResults(read));
        }
    }

    /**
     * Writes what a batch of {@code entries} decided (its refusals by their entry's place in it) and, with
     * {@code advance}, advances the fence to its last entry, in one round trip.
     */
    public static void write(Connection connection, BatchWrites batch, List<LogEntry> entries, boolean advance)
            throws SQLException {
        LogEntry last = entries.get(entries.size() - 1);
        try (PreparedStatement write = connection.prepareStatement(advance ? WRITE : BatchSql.WRITES)) {
            Parameters parameters = new Parameters(connection, write);
            BatchSql.bindWrites(parameters, batch, position -> entries.get(position).index());
            if (advance) {
                parameters.setLong(last.index());
                parameters.setLong(last.term());
                parameters.setLong(last.index());
            }
            write.execute();
            int statements = advance ? WRITE_STATEMENTS : BatchSql.WRITE_STATEMENTS;
            for (int statement = 1; statement < statements; statement++) {
                write.getMoreResults();
            }
            if (advance && write.getUpdateCount() != 1) {
                throw new IllegalStateException("raft fence did not advance to " + last.index());
            }
        }
    }
}
