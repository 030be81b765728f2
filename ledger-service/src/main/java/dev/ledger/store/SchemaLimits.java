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

/**
 * Checks at start-up that the limits the service accepts fit the columns that store them. A key longer than its
 * column would pass validation and then fail at insert, on every retry; in raft mode, on every node's apply.
 */
@ApplicationScoped
public class SchemaLimits {

    @Inject
    DataSource dataSource;
    @Inject
    LedgerConfig config;

    void validateAtStartup(@Observes StartupEvent startup) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            requireKeysFit(connection, config.idempotency().keyMaxLength());
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
