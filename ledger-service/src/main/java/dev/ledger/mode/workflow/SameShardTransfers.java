package dev.ledger.mode.workflow;

import dev.ledger.contract.Mode;
import dev.ledger.contract.ShardRule;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferDecider;
import dev.ledger.domain.TransferDecider.Decision;
import dev.ledger.domain.TransferResult;
import dev.ledger.sql.LedgerSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A transfer whose two accounts share a shard: one local transaction on that shard, as the pessimistic mode takes it
 * (the key's lock and earlier transfer, both rows locked in id order as their balances are read, the one decider, one
 * statement recording the transfer and moving the money). The decider is every mode's, unchanged; the rows are held
 * for three round trips, and a transfer never waits for anything on the other shard.
 */
final class SameShardTransfers {

    private final List<DataSource> shards;

    SameShardTransfers(List<DataSource> shards) {
        this.shards = List.copyOf(shards);
    }

    TransferResult transfer(TransferCommand command) throws SQLException {
        try (Connection connection = shards.get(ShardRule.shardOf(command.from())).getConnection()) {
            connection.setAutoCommit(false);
            try {
                TransferResult result = decide(connection, command);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static TransferResult decide(Connection connection, TransferCommand command) throws SQLException {
        if (!LedgerSql.tryLockKey(connection, command.idempotencyKey())) {
            return new TransferResult.KeyInFlight();
        }
        var earlier = LedgerSql.transferWithKey(connection, command.idempotencyKey());
        Map<String, Long> balances = earlier.isPresent() ? Map.of()
                : LedgerSql.lockAccounts(connection, command.from(), command.to());
        Decision decision = TransferDecider.decide(command, earlier, balances, Mode.WORKFLOW);
        if (decision instanceof TransferDecider.Answer answer) {
            return answer.result();
        }
        var transfer = ((TransferDecider.Record) decision).transfer();
        LedgerSql.record(connection, transfer, true);
        return TransferResult.applied(transfer);
    }
}
