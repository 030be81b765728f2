package dev.ledger.mode.raft;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A fresh embedded PostgreSQL with the service's own migrations, for tests of the raft apply path. */
final class RaftTestDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    RaftTestDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    void createAccount(String id, long balance) throws SQLException {
        update("INSERT INTO account (id, balance, opening_balance) VALUES ('" + id + "', " + balance + ", "
                + balance + ")");
    }

    long balance(String id) throws SQLException {
        return queryLong("SELECT balance FROM account WHERE id = '" + id + "'");
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    void update(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
