package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two limits every mode is read against, measured in the same invocation on the same PostgreSQL and nodes:
 * the database limit (the pessimistic mode's transfer SQL issued directly over JDBC: no HTTP, no framework) and
 * the HTTP limit (a POST that only parses a transfer body).
 */
public final class Baselines {

    private static final int NOOP_TIMEOUT_MS = 5_000;

    private Baselines() {
    }

    /** Committed transfers per second, {@code clients} JDBC connections back to back on the uniform workload. */
    public static double jdbcTransfersPerSec(String jdbcUrl, String user, String password, String accountPrefix,
            int accounts, int clients, Duration duration, long seed) throws InterruptedException {
        AtomicLong committed = new AtomicLong();
        AccountPicker picker = new AccountPicker(accounts, Scenario.UNIFORM, seed);
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<SQLException> failures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
                    connection.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        int[] pair = picker.next();
                        transfer(connection, accountPrefix + pair[0], accountPrefix + pair[1], 1);
                        committed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "jdbc-baseline-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("JDBC baseline failed", failures.get(0));
        }
        return Runs.round(committed.get() / (duration.toMillis() / 1000.0));
    }

    /** The statements the pessimistic strategy sends for a keyed transfer, in the same order. */
    private static void transfer(Connection c, String from, String to, long amount) throws SQLException {
        String key = UUID.randomUUID().toString();
        query(c, "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))", key);
        query(c, "SELECT id FROM transfer WHERE idempotency_key = ?", key);
        boolean fromFirst = from.compareTo(to) < 0;
        long firstBalance = balanceForUpdate(c, fromFirst ? from : to);
        long secondBalance = balanceForUpdate(c, fromFirst ? to : from);
        long fromBalance = fromFirst ? firstBalance : secondBalance;
        long toBalance = fromFirst ? secondBalance : firstBalance;
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO transfer (id, from_account, to_account, "
                + "amount, status, mode, idempotency_key, created_at)"
                + " VALUES (?, ?, ?, ?, 'COMMITTED', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, from);
            insert.setString(3, to);
            insert.setLong(4, amount);
            // These are pessimistic mode's statements, so its rows read as that mode's (a mode is never "jdbc").
            insert.setString(5, Mode.PESSIMISTIC.value());
            insert.setString(6, key);
            insert.setObject(7, now);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO entry (id, transfer_id, account_id, amount, "
                + "created_at) VALUES (nextval('entry_seq'), ?, ?, ?, ?), (nextval('entry_seq'), ?, ?, ?, ?)")) {
            int i = 1;
            for (Object value : new Object[] {id, from, -amount, now, id, to, amount, now}) {
                insert.setObject(i++, value);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE account SET balance = ?, version = version + 1 "
                + "WHERE id = ?")) {
            update.setLong(1, fromBalance - amount);
            update.setString(2, from);
            update.addBatch();
            update.setLong(1, toBalance + amount);
            update.setString(2, to);
            update.addBatch();
            update.executeBatch();
        }
        c.commit();
    }

    private static long balanceForUpdate(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT balance FROM account WHERE id = ? FOR NO KEY UPDATE")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no account " + id);
                }
                return row.getLong(1);
            }
        }
    }

    private static void query(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeQuery().close();
        }
    }

    /** Answered no-op POSTs per second, {@code clients} back to back, spread over the nodes. */
    public static double httpNoopRequestsPerSec(List<String> nodeUrls, int clients, Duration duration)
            throws InterruptedException {
        String body = "{\"from\":\"a\",\"to\":\"b\",\"amount\":1}";
        AtomicLong answered = new AtomicLong();
        AtomicInteger turn = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                List<KeepAliveHttp> connections = nodeUrls.stream()
                        .map(url -> new KeepAliveHttp(URI.create(url), NOOP_TIMEOUT_MS)).toList();
                while (System.nanoTime() < end) {
                    KeepAliveHttp node = connections.get(Math.floorMod(turn.getAndIncrement(), connections.size()));
                    try {
                        if (node.post("/internal/noop", body, Map.of()).status() == 204) {
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
                connections.forEach(KeepAliveHttp::close);
            }, "http-baseline-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return Runs.round(answered.get() / (duration.toMillis() / 1000.0));
    }
}
