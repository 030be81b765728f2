package dev.ledger.mode.zookeeper;

import dev.ledger.contract.Mode;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.batch.BatchDecider;
import dev.ledger.mode.batch.BatchWrites;
import dev.ledger.mode.batch.Refusal;
import dev.ledger.store.DatabaseFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes a batch of transfer commands to PostgreSQL in one transaction fenced by a leadership token: the token is
 * checked and advanced first ({@link TokenFence}), then the batch is decided from what the database holds by the
 * shared {@link BatchDecider}, written, and committed. Nothing is written unless the token holds, and a transaction
 * that got past the check holds the fence row lock to its end, so no later leadership's claim slips in between.
 *
 * <p>Outcomes: the results, in order; {@link Deposed} (rolled back, nothing written); {@link OutcomeUnknown} when the
 * commit itself failed (it may have taken effect); any other failure before the commit (rolled back, nothing
 * written). Idempotency is the database's: a command's id is its transfer's key, and a key used before answers as
 * in every mode, so a batch that is written twice (a retry after an unknown outcome) changes nothing the second time.
 */
final class TokenBatchWriter {

    private final DataSource dataSource;

    TokenBatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Decides and writes {@code commands} under {@code token}, all or nothing. */
    List<TransferResult> write(List<TransferCommand> commands, long token) throws SQLException, Deposed {
        return inTransaction(token, connection -> {
            BatchDecider.Decided decided = BatchDecider.decide(commands,
                    TokenFencedStore.checkAndRead(connection, commands, token), Mode.ZOOKEEPER);
            TokenFencedStore.write(connection, decided.writes());
            return decided.results();
        });
    }

    /**
     * Records a command that fails on its own with an error no retry cures (SQLSTATE class 22 or 23) as refused
     * (INVALID_COMMAND), so that it gets the same answer if it comes again.
     */
    TransferResult refuse(TransferCommand command, Exception failure, long token) throws SQLException, Deposed {
        String state = DatabaseFailures.sqlState(failure);
        String why = "failed to apply: " + (state == null ? failure.getClass().getSimpleName() : "SQLSTATE " + state);
        return inTransaction(token, connection -> {
            TokenFence.checkAndAdvance(connection, token);
            TokenFencedStore.write(connection,
                    BatchWrites.refusing(new Refusal(command.id(), TransferOutcome.INVALID_COMMAND, why)));
            return new TransferResult.InvalidCommand(why);
        });
    }

    /** What runs in one fenced transaction; it checks the token first. */
    @FunctionalInterface
    private interface FencedWork<T> {
        T run(Connection connection) throws SQLException, Deposed;
    }

    private <T> T inTransaction(long token, FencedWork<T> work) throws SQLException, Deposed {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException | Deposed e) {
                connection.rollback();
                throw e;
            }
            try {
                connection.commit();
            } catch (SQLException cutOff) {
                throw new OutcomeUnknown("the connection to the database broke during the commit of token " + token
                        + "'s batch (" + cutOff.getMessage() + "); retry with the same Idempotency-Key to learn"
                        + " whether it took effect");
            }
            return result;
        }
    }
}
