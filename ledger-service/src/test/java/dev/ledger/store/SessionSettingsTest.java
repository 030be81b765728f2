package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every connection bounds lock waits and transactions left idle by a frozen node. */
@QuarkusTest
class SessionSettingsTest {

    @Inject
    DataSource dataSource;

    @Test
    void connectionsBoundLockWaitsAndIdleTransactions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals("2s", show(statement, "lock_timeout"));
            assertEquals("5s", show(statement, "idle_in_transaction_session_timeout"));
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
