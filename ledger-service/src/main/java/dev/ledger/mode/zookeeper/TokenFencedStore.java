package dev.ledger.mode.zookeeper;

import dev.ledger.domain.TransferCommand;
import dev.ledger.mode.batch.BatchReads;
import dev.ledger.mode.batch.BatchSql;
import dev.ledger.mode.batch.BatchWrites;
import dev.ledger.mode.batch.Parameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Plain JDBC for the zookeeper leader's batched writes, fenced by its leadership token: a whole batch costs three
 * round trips, one that checks and advances the token ({@link TokenFence}) and reads what the batch needs, one that
 * writes everything, and the commit. The reads and writes are those every fenced store shares ({@link BatchSql}),
 * unguarded: the fence statement, first, either holds the fence row lock until the commit or refuses the batch. The
 * caller owns the connection and the transaction.
 */
final class TokenFencedStore {

    /** Checks and advances the token, then reads the transfers under the batch's ids or keys and its balances. */
    static final String CHECK_AND_READ = TokenFence.checkAndAdvanceThen(BatchSql.reads(""));

    private TokenFencedStore() {
    }

    /**
     * Checks that no later leadership claimed the fence and reads what earlier transfers left under the commands' ids
     * or keys and the balances of their accounts, in one round trip.
     *
     * @throws Deposed if a later leadership claimed the fence; roll back
     */
    static BatchReads checkAndRead(Connection connection, List<TransferCommand> commands, long token)
            throws SQLException, Deposed {
        try (PreparedStatement read = connection.prepareStatement(CHECK_AND_READ)) {
            Parameters parameters = new Parameters(connection, read);
            TokenFence.bindCheckAndAdvance(parameters, token);
            BatchSql.bindReads(parameters, commands, BatchSql.ReadGuard.NONE);
            read.execute();
            TokenFence.refuseUnlessAdvanced(connection, read, token);
            return BatchSql.readResults(read);
        }
    }

    /** Writes what a batch decided, in one round trip; its refusals carry no log index (there is no log). */
    static void write(Connection connection, BatchWrites batch) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(BatchSql.WRITES)) {
            BatchSql.bindWrites(new Parameters(connection, write), batch, position -> null);
            write.execute();
        }
    }
}
