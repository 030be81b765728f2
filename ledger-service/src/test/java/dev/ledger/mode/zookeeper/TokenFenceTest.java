package dev.ledger.mode.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token fence against a real PostgreSQL with the service's migrations: a leader's write transaction and a new
 * leader's claim are ordered by the fence row's lock, and once a token is claimed no transaction of an earlier one
 * writes anything.
 */
class TokenFenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static EmbeddedPostgres postgres;
    private static DataSource db;
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @AfterEach
    void stopOtherThread() {
        other.shutdownNow();
    }

    @BeforeEach
    void freshFence() throws Exception {
        update("DELETE FROM account");
        update("UPDATE leader_fence SET token = 0, leader = NULL, claimed_at = NULL");
    }

    @Test
    void aClaimWaitsForTheWriteTransactionOfTheTokenBefore() throws Exception {
        claim(5, "a");
        try (Connection leader5 = transaction()) {
            TokenFence.checkAndAdvance(leader5, 5);
            insertAccount(leader5, "by-5");

            Future<?> claim6 = other.submit(() -> claim(6, "b"));
            awaitWaitingForLock();
            assertFalse(claim6.isDone(), "the claim waits while token 5's transaction holds the fence");

            leader5.commit();
            claim6.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(1, count("SELECT count(*) FROM account WHERE id = 'by-5'"), "token 5 committed first");
        assertEquals(6, highest());
        assertEquals(1, count("SELECT count(*) FROM leader_fence WHERE leader = 'b' AND claimed_at IS NOT NULL"));
    }

    @Test
    void aWriteTransactionOfAnEarlierTokenIsRefusedBeforeItWrites() throws Exception {
        claim(5, "a");
        claim(6, "b");

        Deposed deposed = assertThrows(Deposed.class, () -> write(5, "by-5"));

        assertEquals(5, deposed.token());
        assertEquals(6, deposed.fence());
        assertEquals(0, count("SELECT count(*) FROM account"), "nothing written");
        assertEquals(6, highest());
        write(6, "by-6");
        assertEquals(1, count("SELECT count(*) FROM account WHERE id = 'by-6'"), "the current token writes");
    }

    @Test
    void aWriteTransactionThatWaitedForAClaimIsRefusedOnceTheClaimCommits() throws Exception {
        claim(5, "a");
        try (Connection claiming = transaction()) {
            TokenFence.claim(claiming, 6, "b");

            Future<?> leader5 = other.submit(() -> write(5, "by-5"));
            awaitWaitingForLock();
            assertFalse(leader5.isDone(), "token 5's transaction waits for the claim's row lock");

            claiming.commit();
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> leader5.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof Deposed, refused.getCause().toString());
        }
        assertEquals(0, count("SELECT count(*) FROM account"), "nothing written");
        assertEquals(6, highest());
    }

    @Test
    void theTokenNeverGoesBackwards() throws Exception {
        claim(7, "a");

        assertThrows(Deposed.class, () -> claim(6, "b"));
        assertThrows(Deposed.class, () -> write(3, "by-3"));
        assertEquals(7, highest());
        assertEquals(1, count("SELECT count(*) FROM leader_fence WHERE leader = 'a'"), "refused claims change nothing");

        write(9, "by-9");
        assertEquals(9, highest(), "a write of a greater token advances the fence");
        claim(9, "c");
        assertEquals(9, highest(), "a leader may claim its own token again (a retried claim)");
        assertThrows(Deposed.class, () -> claim(8, "a"));
        assertEquals(9, highest());
    }

    @Test
    void aRefusalMayHaveNoLogIndex() throws Exception {
        // Zookeeper mode records refusals by transfer id only: it has no log.
        update("INSERT INTO transfer_refusal (transfer_id, outcome, detail)"
                + " VALUES (gen_random_uuid(), 'ACCOUNT_NOT_FOUND', 'nobody')");
        assertEquals(1, count("SELECT count(*) FROM transfer_refusal WHERE log_index IS NULL"));
        update("DELETE FROM transfer_refusal");
    }

    /** A leader's write transaction: the fence first, then its writes, then the commit; rolled back on refusal. */
    private static Void write(long token, String account) throws Exception {
        try (Connection connection = transaction()) {
            try {
                TokenFence.checkAndAdvance(connection, token);
                insertAccount(connection, account);
                connection.commit();
            } catch (Deposed | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
        return null;
    }

    private static Void claim(long token, String leader) throws Exception {
        try (Connection connection = db.getConnection()) {
            TokenFence.claim(connection, token, leader);
        }
        return null;
    }

    private static Connection transaction() throws SQLException {
        Connection connection = db.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void insertAccount(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account (id, balance, opening_balance) VALUES (?, 0, 0)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    /** Waits until a session of this test waits for the fence row's lock. */
    private static void awaitWaitingForLock() throws Exception {
        Await.until("a statement waits for the fence row's lock", WAIT, () -> count("SELECT count(*)"
                + " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE leader_fence%'") == 1);
    }

    private static long highest() throws SQLException {
        try (Connection connection = db.getConnection()) {
            return TokenFence.highest(connection);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void update(String sql) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
