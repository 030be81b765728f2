package dev.ledger.mode.zookeeper;

import dev.ledger.mode.batch.Parameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The fence of zookeeper mode in PostgreSQL: the row leader_fence holds the highest leadership token seen. Each
 * leadership's token, from ZooKeeper, is greater than every earlier one, and only goes into the fence, never back.
 *
 * <p>A leader claims its token once, when elected, so that an earlier leader is fenced out at once rather than at
 * the new leader's first write. Then every write transaction of the leader starts with {@link #checkAndAdvance}:
 * the UPDATE takes the row lock and holds it until the transaction ends. A transaction of an earlier token that got
 * the lock first commits before the claim can; one that comes later, or waited for the claim's lock, finds a greater
 * token (PostgreSQL re-reads the row once the lock is free, in READ COMMITTED) and is refused before it writes
 * anything. So after a claim no transaction of an earlier token commits, whatever its leader still believes.
 *
 * <p>A token is issued to one leadership only, so meeting one's own token again (a claim retried after its commit
 * was not confirmed, a write after the claim) is allowed. The caller owns the connection and the transaction.
 */
public final class TokenFence {

    private static final String CLAIM =
            "UPDATE leader_fence SET token = ?, leader = ?, claimed_at = now() WHERE id = 1 AND token <= ?";
    private static final String CHECK_AND_ADVANCE = "UPDATE leader_fence SET token = ? WHERE id = 1 AND token <= ?";
    /** {@link #CHECK_AND_ADVANCE} with a row back only if it held, for a statement string that goes on after it. */
    private static final String CHECK_AND_ADVANCE_FIRST = CHECK_AND_ADVANCE + " RETURNING token;";
    private static final String HIGHEST = "SELECT token FROM leader_fence WHERE id = 1";

    private TokenFence() {
    }

    /**
     * Claims the fence for a new leadership: raises it to {@code token} and records {@code leader} as the node that
     * claimed it.
     *
     * @throws Deposed if the fence holds a greater token: a later leader was elected
     */
    public static void claim(Connection connection, long token, String leader) throws SQLException, Deposed {
        try (PreparedStatement update = connection.prepareStatement(CLAIM)) {
            update.setLong(1, token);
            update.setString(2, leader);
            update.setLong(3, token);
            refuseIfNoRow(connection, update.executeUpdate(), token);
        }
    }

    /**
     * The first statement of a leader's write transaction: checks that no later token reached the fence and raises
     * it to {@code token}, locking the fence row until the transaction ends.
     *
     * @throws Deposed if the fence holds a greater token; the caller rolls back (nothing was written)
     */
    public static void checkAndAdvance(Connection connection, long token) throws SQLException, Deposed {
        try (PreparedStatement update = connection.prepareStatement(CHECK_AND_ADVANCE)) {
            update.setLong(1, token);
            update.setLong(2, token);
            refuseIfNoRow(connection, update.executeUpdate(), token);
        }
    }

    /**
     * {@link #checkAndAdvance} as the first statement of a string that goes on with {@code following}, so that a
     * batch checks its fence and reads in one round trip: bind with {@link #bindCheckAndAdvance}, execute, then
     * {@link #refuseUnlessAdvanced} on the first result before reading the others.
     */
    public static String checkAndAdvanceThen(String following) {
        return CHECK_AND_ADVANCE_FIRST + following;
    }

    /** Binds the parameters of {@link #checkAndAdvanceThen}'s fence statement, which come first. */
    public static void bindCheckAndAdvance(Parameters parameters, long token) throws SQLException {
        parameters.setLong(token);
        parameters.setLong(token);
    }

    /**
     * Reads the fence statement's result of an executed {@link #checkAndAdvanceThen} string, its current result.
     *
     * @throws Deposed if the fence holds a greater token; the caller rolls back (the statements after the fence ran
     *     all the same: they must only read)
     */
    public static void refuseUnlessAdvanced(Connection connection, PreparedStatement executed, long token)
            throws SQLException, Deposed {
        try (ResultSet row = executed.getResultSet()) {
            refuseIfNoRow(connection, row.next() ? 1 : 0, token);
        }
    }

    /**
     * The highest token the fence has seen, from which a new leadership's token is counted up: if ZooKeeper lost
     * its data, the next token still exceeds every token that ever wrote here.
     */
    public static long highest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(HIGHEST); ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("leader_fence row missing: the schema was not migrated");
            }
            return row.getLong(1);
        }
    }

    private static void refuseIfNoRow(Connection connection, int updated, long token) throws SQLException, Deposed {
        if (updated == 0) {
            throw new Deposed(token, highest(connection));
        }
    }
}
