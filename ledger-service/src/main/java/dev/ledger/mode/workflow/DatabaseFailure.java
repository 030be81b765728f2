package dev.ledger.mode.workflow;

import java.sql.SQLException;

/**
 * A database failure, unchecked for callers that cannot throw one (the engine's tasks, a completion stage); the
 * service tells its kind from the {@link SQLException} it carries, as for every mode.
 */
final class DatabaseFailure extends RuntimeException {

    DatabaseFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    static <T> T unchecked(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }
}
