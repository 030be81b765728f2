package dev.ledger.store;

import dev.ledger.config.LedgerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks at start-up that the limits the service accepts fit the database. A key longer than its column would pass
 * validation and then fail at insert, on every retry (in a leader mode, on every batch); a bounded wait longer than the
 * connection's socket timeout would not end as a lock timeout or a cancelled statement, which the service tells apart,
 * but as a broken connection.
 */
@ApplicationScoped
public class DatabaseLimits {

    @Inject
    DataSource dataSource;
    @Inject
    LedgerConfig config;
    /** The pool's socket timeout, in seconds (application.properties); 0: none. */
    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", defaultValue = "0")
    long socketTimeoutSeconds;

    void validateAtStartup(@Observes StartupEvent startup) throws SQLException {
        requireWaitsEndBeforeTheSocketTimeout(socketTimeoutSeconds * 1000, config.lockTimeoutMs());
        try (Connection connection = dataSource.getConnection()) {
            requireKeysFit(connection, config.idempotency().keyMaxLength());
        }
    }

    /** Fails unless the lock wait and the audit's statement end before a read's socket timeout (if there is one). */
    static void requireWaitsEndBeforeTheSocketTimeout(long socketTimeoutMs, long lockTimeoutMs) {
        long longestWaitMs = Math.max(lockTimeoutMs, AuditSql.STATEMENT_TIMEOUT_MS);
        if (socketTimeoutMs > 0 && longestWaitMs >= socketTimeoutMs) {
            throw new IllegalStateException("ledger.lock-timeout-ms (" + lockTimeoutMs + ") and the audit's statement"
                    + " timeout (" + AuditSql.STATEMENT_TIMEOUT_MS + " ms) must be below the connections'"
                    + " socket timeout (" + socketTimeoutMs + " ms)");
        }
    }

    /** Fails unless an idempotency key of {@code maxLength} characters fits transfer.idempotency_key. */
    static void requireKeysFit(Connection connection, int maxLength) throws SQLException {
        int column = columnLength(connection, "transfer", "idempotency_key");
        if (maxLength > column) {
            throw new IllegalStateException("ledger.idempotency.key-max-length is " + maxLength
                    + ", but transfer.idempotency_key holds at most " + column + " characters: set it to " + column
                    + " or less");
        }
    }

    private static int columnLength(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT character_maximum_length"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " AND column_name = ?")) {
            select.setString(1, table);
            select.setString(2, column);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException(table + "." + column + " missing: the schema was not migrated");
                }
                return row.getInt(1);
            }
        }
    }
}
