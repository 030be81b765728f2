package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every connection bounds lock waits and transactions left idle by a frozen node, and notices a dead peer. */
@QuarkusTest
class SessionSettingsTest {

    @Inject
    DataSource dataSource;
    @Inject
    AgroalDataSource apiPool;
    /** quarkus.datasource.apply: raft apply's own pool. */
    @Inject
    @io.quarkus.agroal.DataSource("apply")
    AgroalDataSource applyPool;

    @Test
    void connectionsBoundLockWaitsAndIdleTransactions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals("2s", show(statement, "lock_timeout"));
            assertEquals("5s", show(statement, "idle_in_transaction_session_timeout"));
        }
    }

    /** Apply's connections roll back a batch left idle sooner, and plan its array statements once. */
    @Test
    void applyConnectionsEndIdleBatchesSoonerAndPlanOnce() throws SQLException {
        try (Connection connection = applyPool.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals("2s", show(statement, "idle_in_transaction_session_timeout"));
            assertEquals("force_generic_plan", show(statement, "plan_cache_mode"));
        }
    }

    /**
     * The tests give the URL from outside, as Kubernetes does (QUARKUS_DATASOURCE_JDBC_URL), with no parameters of
     * its own: the read timeout and TCP keep-alive still come with every connection of both pools.
     */
    @Test
    void connectionsOfBothPoolsTimeOutReadsAndProbeIdleSockets() throws SQLException {
        assertReadTimeoutAndKeepAlive(apiPool, 30_000);
        assertReadTimeoutAndKeepAlive(applyPool, 10_000);
    }

    private static void assertReadTimeoutAndKeepAlive(AgroalDataSource pool, int readTimeoutMs) throws SQLException {
        Properties driverProperties = pool.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration().jdbcProperties();
        assertEquals("true", driverProperties.getProperty("tcpKeepAlive"));
        try (Connection connection = pool.getConnection()) {
            // PostgreSQL's driver reports its socketTimeout as the network timeout.
            assertEquals(readTimeoutMs, connection.getNetworkTimeout());
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
