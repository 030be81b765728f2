package dev.ledger.load;

import dev.ledger.domain.TransferCommand;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limits every mode is read against, measured in the same invocation on the same PostgreSQL and nodes: the
 * database limit (a mode's own statements issued directly over JDBC: no HTTP, no framework, see
 * {@link ModeStatements}) and the HTTP limit (a POST that only parses a transfer body).
 */
public final class Baselines {

    private static final int NOOP_TIMEOUT_MS = 5_000;
    private static final int NO_CONTENT = 204;

    private Baselines() {
    }

    /**
     * Committed transfers per second of a mode's statements, {@code clients} JDBC connections back to back on the
     * uniform workload.
     */
    public static double jdbcTransfersPerSec(ModeStatements statements, String jdbcUrl, String user, String password,
            String accountPrefix, int accounts, int clients, Duration duration, long seed)
            throws InterruptedException {
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
                        TransferCommand command = ModeStatements.command(accountPrefix + pair[0],
                                accountPrefix + pair[1], 1);
                        if (sendUntilCommitted(statements, connection, command, end)) {
                            committed.incrementAndGet();
                        }
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
            throw new IllegalStateException(statements.baselineName() + " baseline failed", failures.get(0));
        }
        return Runs.round(committed.get() / (duration.toMillis() / 1000.0));
    }

    /**
     * One transfer to its commit; a lost version check (optimistic) rolls back and sends the same again, until the
     * end (then false).
     */
    private static boolean sendUntilCommitted(ModeStatements statements, Connection connection,
            TransferCommand command, long end) throws SQLException {
        while (System.nanoTime() < end) {
            try {
                statements.transfer(connection, command);
                connection.commit();
                return true;
            } catch (ModeStatements.VersionConflict lost) {
                connection.rollback();
            }
        }
        return false;
    }

    /**
     * Answered no-op POSTs per second, {@code clients} back to back, spread over the nodes, sent by the same
     * event-loop client as the load: the driver's own ceiling, which every committed/s must stay well below.
     */
    public static double httpNoopRequestsPerSec(List<String> nodeUrls, int clients, Duration duration)
            throws InterruptedException {
        String body = "{\"from\":\"a\",\"to\":\"b\",\"amount\":1}";
        AtomicLong answered = new AtomicLong();
        AtomicInteger turn = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        try (EventLoopHttp http = new EventLoopHttp(nodeUrls, clients, NOOP_TIMEOUT_MS)) {
            for (int c = 0; c < clients; c++) {
                http.later(0, () -> noopLoop(http, body, turn, answered, end, done));
            }
            if (!done.await(duration.toMillis() + NOOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no-op requests still in flight after the baseline's end");
            }
        }
        return Runs.round(answered.get() / (duration.toMillis() / 1000.0));
    }

    /** One client: the next no-op as soon as the last is answered; a failed request ends this client. */
    private static void noopLoop(EventLoopHttp http, String body, AtomicInteger turn, AtomicLong answered, long end,
            CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        int node = Math.floorMod(turn.getAndIncrement(), http.nodeCount());
        http.post(node, "/internal/noop", body, Map.of()).onComplete(result -> {
            if (result.failed()) {
                done.countDown();
                return;
            }
            if (result.result().status() == NO_CONTENT) {
                answered.incrementAndGet();
            }
            noopLoop(http, body, turn, answered, end, done);
        });
    }
}
