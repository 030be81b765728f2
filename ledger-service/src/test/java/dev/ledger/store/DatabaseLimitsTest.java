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

/** The limits the service accepts, against the database that must hold them. */
@QuarkusTest
class DatabaseLimitsTest {

    @Inject
    DataSource dataSource;

    @Test
    void aKeyLimitAboveTheColumnStopsStartUp() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertDoesNotThrow(() -> DatabaseLimits.requireKeysFit(connection, 255));
            var refused = assertThrows(IllegalStateException.class,
                    () -> DatabaseLimits.requireKeysFit(connection, 300));
            assertTrue(refused.getMessage().contains("at most 255"), refused.getMessage());
        }
    }

    /** A lock wait as long as the socket timeout would end as a broken connection, not as a lock timeout (503). */
    @Test
    void aWaitAsLongAsTheSocketTimeoutStopsStartUp() {
        assertDoesNotThrow(() -> DatabaseLimits.requireWaitsEndBeforeTheSocketTimeout(30_000, 2_000));
        assertDoesNotThrow(() -> DatabaseLimits.requireWaitsEndBeforeTheSocketTimeout(0, 60_000));
        var refused = assertThrows(IllegalStateException.class,
                () -> DatabaseLimits.requireWaitsEndBeforeTheSocketTimeout(30_000, 30_000));
        assertTrue(refused.getMessage().contains("ledger.lock-timeout-ms (30000)"), refused.getMessage());
        assertThrows(IllegalStateException.class,
                () -> DatabaseLimits.requireWaitsEndBeforeTheSocketTimeout(10_000, 2_000));
    }
}
