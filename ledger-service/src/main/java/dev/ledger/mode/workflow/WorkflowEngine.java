package dev.ledger.mode.workflow;

import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.JtaProcessEngineConfiguration;

/**
 * The embedded Flowable engine of one node. Its state (instances, jobs, variables) is in the engine's database, in
 * the transactions of the service's transaction manager, so that a transfer's row and its instance start together.
 * Every node runs jobs; a job stays locked by the node that took it for {@link #JOB_LOCK_MS}, after which any node
 * that finds the lock expired (it looks every {@link #RESET_EXPIRED_JOBS_MS}) frees it for all, and the next to look
 * for jobs ({@link #ACQUIRE_WAIT_MS}) takes it: so the unfinished transfers of a node that died are taken up by the
 * others within the sum of the three.
 */
final class WorkflowEngine {

    /** Far above a step's milliseconds, and the part of the bound on a dead node's transfers that dominates. */
    static final int JOB_LOCK_MS = 10_000;
    static final int RESET_EXPIRED_JOBS_MS = 2_000;
    /**
     * How often an idle node looks for jobs it did not create (another node's, freed; a retry due): Flowable's
     * default, 10 s, would be most of the bound.
     */
    static final int ACQUIRE_WAIT_MS = 1_000;
    /** Nodes starting together take turns to create or check the engine's tables and deploy the process. */
    private static final long SCHEMA_LOCK = 0x4c6564676572L;
    /** A turn: creating the engine's tables takes seconds on a busy machine; the pool's lock timeout is 2 s. */
    private static final Duration SCHEMA_TURN_WAIT = Duration.ofMinutes(2);
    private static final long SCHEMA_TURN_POLL_MS = 100;

    private WorkflowEngine() {
    }

    static ProcessEngine start(DataSource engineDatabase, DataSource schemaConnections, TransactionManager transactions,
            String nodeId, Map<Object, Object> beans) throws SQLException {
        JtaProcessEngineConfiguration config = new JtaProcessEngineConfiguration();
        config.setTransactionManager(transactions);
        config.setTransactionsExternallyManaged(true);
        config.setDataSource(engineDatabase);
        config.setDatabaseType("postgres");
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setDisableIdmEngine(true);
        config.setDisableEventRegistry(true);
        // The ledger records each transfer and its steps; the engine keeps no history of its own.
        config.setHistoryLevel(HistoryLevel.NONE);
        // Ids drawn by each node alone: the default draws blocks from one row that every node updates, and two nodes
        // drawing at once failed a transfer's start (found by a comparison run: 500 on an optimistic-lock conflict).
        config.setIdGenerator(new StrongUuidGenerator());
        config.setBeans(beans);
        config.setAsyncExecutorActivate(true);
        config.setAsyncExecutorLockOwner(nodeId);
        config.setAsyncExecutorAsyncJobLockTimeInMillis(JOB_LOCK_MS);
        config.setAsyncExecutorResetExpiredJobsInterval(RESET_EXPIRED_JOBS_MS);
        config.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(ACQUIRE_WAIT_MS);
        config.setAsyncExecutorDefaultTimerJobAcquireWaitTime(ACQUIRE_WAIT_MS);
        config.setAsyncExecutorNumberOfRetries(StepRetries.ATTEMPTS);
        config.setFailedJobCommandFactory(new StepRetries());
        try (Connection turn = schemaConnections.getConnection()) {
            awaitTurn(turn);
            try {
                ProcessEngine engine = config.buildProcessEngine();
                engine.getRepositoryService().createDeployment().name(CrossShardProcess.KEY)
                        .addClasspathResource(CrossShardProcess.RESOURCE).enableDuplicateFiltering().deploy();
                return engine;
            } finally {
                try (PreparedStatement unlock = turn.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, SCHEMA_LOCK);
                    unlock.executeQuery().close();
                }
            }
        }
    }

    /** Waits for the schema's turn without a lock wait, which the pool's lock timeout would cut short. */
    private static void awaitTurn(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + SCHEMA_TURN_WAIT.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, SCHEMA_LOCK);
            while (true) {
                try (ResultSet taken = tryLock.executeQuery()) {
                    if (taken.next() && taken.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SQLException("another node has been creating the workflow engine's tables for "
                            + SCHEMA_TURN_WAIT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(SCHEMA_TURN_POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the engine's tables", e);
                }
            }
        }
    }
}
