package dev.ledger.mode.workflow;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.Mode;
import dev.ledger.contract.ShardRule;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import dev.ledger.mode.TransferStrategy;
import dev.ledger.store.LedgerRecords;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.flowable.engine.ProcessEngine;

/**
 * The accounts split over two databases ({@link ShardRule}); a transfer within one shard is one local transaction
 * ({@link SameShardTransfers}), one across them a workflow instance that the embedded engine takes through its steps
 * ({@link CrossShardProcess}, {@link ShardSteps}): answered 202 PENDING at once, COMMITTED, REJECTED or COMPENSATED
 * once the instance ends. The engine's database is shard 0's; see {@code src/docs/workflow.md}.
 */
@ApplicationScoped
@ForMode(Mode.WORKFLOW)
public class WorkflowStrategy implements TransferStrategy {

    /** The shards' pools, outside the service's transactions: each step commits on its own shard. */
    static final String SHARD_0 = "shard0";
    static final String SHARD_1 = "shard1";

    @Inject
    LedgerConfig config;
    /** The engine's database (shard 0's), in the service's transactions. */
    @Inject
    AgroalDataSource engineDatabase;
    @Inject
    @DataSource(SHARD_0)
    AgroalDataSource shard0;
    @Inject
    @DataSource(SHARD_1)
    AgroalDataSource shard1;
    @Inject
    TransactionManager transactions;
    @Inject
    WorkflowConfig workflow;

    private SameShardTransfers sameShard;
    private WorkflowTransfers workflowTransfers;
    private ShardedRecords records;
    private ProcessEngine engine;

    @PostConstruct
    void start() {
        if (workflow.shard1Url().isEmpty()) {
            throw new IllegalStateException("workflow mode needs ledger.workflow.shard1-url (env"
                    + " LEDGER_WORKFLOW_SHARD1_URL): the second database, jdbc:postgresql://host:port/db");
        }
        List<javax.sql.DataSource> shards = List.of(shard0, shard1);
        DatabaseFailure.unchecked(() -> {
            for (javax.sql.DataSource shard : shards) {
                openClearingAccount(shard);
            }
            return null;
        });
        sameShard = new SameShardTransfers(shards);
        workflowTransfers = new WorkflowTransfers(engineDatabase);
        records = new ShardedRecords(shards, workflowTransfers);
        CrossShardProcess process = new CrossShardProcess(new ShardSteps(shards), workflowTransfers);
        engine = DatabaseFailure.unchecked(() -> WorkflowEngine.start(engineDatabase, shard0, transactions,
                config.nodeId(), process.beans()));
    }

    /** Before the pools close (they do after shutdown's observers): the engine finishes its jobs in hand first. */
    void stop(@Observes ShutdownEvent shutdown) {
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    public Mode mode() {
        return Mode.WORKFLOW;
    }

    @Override
    public Optional<LedgerRecords> records() {
        return Optional.of(records);
    }

    @Override
    public CompletionStage<TransferResult> transfer(TransferCommand command) {
        if (command.from().equals(ShardSteps.CLEARING) || command.to().equals(ShardSteps.CLEARING)) {
            // A shard's own account, not a client's: what it holds is money in transit.
            return CompletableFuture.completedFuture(new TransferResult.AccountNotFound(ShardSteps.CLEARING));
        }
        if (!ShardRule.crossShard(command.from(), command.to())) {
            return CompletableFuture.completedFuture(DatabaseFailure.unchecked(() -> sameShard.transfer(command)));
        }
        return CompletableFuture.completedFuture(QuarkusTransaction.requiringNew().call(() -> startWorkflow(command)));
    }

    /**
     * In one transaction, the key's lock held throughout: the key's earlier transfer answers, or the transfer is
     * recorded and its instance started.
     */
    private TransferResult startWorkflow(TransferCommand command) throws SQLException {
        if (!workflowTransfers.tryLockKey(command.idempotencyKey())) {
            return new TransferResult.KeyInFlight();
        }
        Optional<Transfer> earlier = workflowTransfers.withKey(command.idempotencyKey());
        if (earlier.isPresent()) {
            return TransferResult.forEarlier(earlier.get(), command);
        }
        Transfer pending = workflowTransfers.insertPending(command);
        CrossShardProcess.start(engine.getRuntimeService(), pending);
        return new TransferResult.Pending(pending, false);
    }

    private static void openClearingAccount(javax.sql.DataSource shard) throws SQLException {
        try (Connection connection = shard.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO account (id, balance,"
                        + " opening_balance, clearing) VALUES (?, 0, 0, true) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, ShardSteps.CLEARING);
            insert.executeUpdate();
        }
    }
}
