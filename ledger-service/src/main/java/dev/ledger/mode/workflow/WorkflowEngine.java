package dev.ledger.mode.workflow;

import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flowable.common.engine.impl.history.HistoryLevel;
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
        config.setBeans(beans);
        config.setAsyncExecutorActivate(true);
        config.setAsyncExecutorLockOwner(nodeId);
        config.setAsyncExecutorAsyncJobLockTimeInMillis(JOB_LOCK_MS);
        config.setAsyncExecutorResetExpiredJobsInterval(RESET_EXPIRED_JOBS_MS);
        config.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(ACQUIRE_WAIT_MS);
        config.setAsyncExecutorDefaultTimerJobAcquireWaitTime(ACQUIRE_WAIT_MS);
        try (Connection turn = schemaConnections.getConnection()) {
            advisoryLock(turn, "SELECT pg_advisory_lock(?)");
            try {
                ProcessEngine engine = config.buildProcessEngine();
                engine.getRepositoryService().createDeployment().name(CrossShardProcess.KEY)
                        .addClasspathResource(CrossShardProcess.RESOURCE).enableDuplicateFiltering().deploy();
                return engine;
            } finally {
                advisoryLock(turn, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    private static void advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setLong(1, SCHEMA_LOCK);
            lock.executeQuery().close();
        }
    }
}
