package dev.ledger.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A key limit above the column would let through keys whose insert fails on every retry (a poison raft entry). */
@QuarkusTest
class SchemaLimitsTest {

    @Inject
    DataSource dataSource;

    @Test
    void aKeyLimitAboveTheColumnStopsStartUp() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertDoesNotThrow(() -> SchemaLimits.requireKeysFit(connection, 255));
            var refused = assertThrows(IllegalStateException.class,
                    () -> SchemaLimits.requireKeysFit(connection, 300));
            assertTrue(refused.getMessage().contains("at most 255"), refused.getMessage());
        }
    }
}
