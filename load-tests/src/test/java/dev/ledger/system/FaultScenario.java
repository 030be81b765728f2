package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.cluster.DatabaseConnection;
import dev.ledger.contract.Mode;
import dev.ledger.history.History;
import dev.ledger.history.HistoryChecker;
import dev.ledger.history.LedgerState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What the fault ITs do around their fault. Before it: accounts, client load on every node and a
 * balance watcher. After it: every key settled, the cluster quiet, and the ledger checked against
 * what the clients were told.
 */
final class FaultScenario implements AutoCloseable {

    /**
     * Eight rich accounts and two poor ones, so that rejections for insufficient funds (decided at
     * apply time, and recorded exactly once too) are part of the mix.
     */
    private static final Map<String, Long> OPENING_BALANCES = Map.of(
            "hot-0", 100_000L, "hot-1", 100_000L, "hot-2", 100_000L, "hot-3", 100_000L,
            "hot-4", 100_000L, "hot-5", 100_000L, "hot-6", 100_000L, "hot-7", 100_000L,
            "poor-0", 1_000L, "poor-1", 1_000L);
    private static final long MAX_AMOUNT = 1_000;
    private static final int CLIENT_THREADS = 16;
    /** The fault comes once writes flow on every path (local and forwarded). */
    private static final long WARM_UP_COMMITS = 200;
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIESCE_TIMEOUT = Duration.ofSeconds(30);
    private static final int REPLAY_SAMPLE = 100;

    private final TestCluster cluster;
    private final String name;
    /** Accounts of their own for each scenario, so that several can run one after another on one cluster. */
    private final Map<String, Long> openingBalances;
    private final LedgerClient client = new LedgerClient();
    private final History history = new History();
    private TransferLoad load;
    private BalanceWatcher watcher;
    private LeaderWatch leaders;
    private UnkeyedTransfers unkeyed;

    private long faultAt;
    private long loadStoppedAt;

    /** {@code name} (letters, digits, dashes) prefixes the scenario's accounts and idempotency keys. */
    FaultScenario(TestCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
        this.openingBalances = OPENING_BALANCES.entrySet().stream()
                .collect(Collectors.toMap(entry -> name + "-" + entry.getKey(), Map.Entry::getValue));
    }

    /** Creates the accounts, starts the load and the balance watcher, and returns once writes flow. */
    void start() throws IOException, InterruptedException {
        List<String> accounts = List.copyOf(openingBalances.keySet());
        for (String account : accounts) {
            client.createAccount(cluster.urls().get(0), account, openingBalances.get(account));
        }
        // The workflow mode compensates a credit to an account that does not exist: its load sends some.
        String missing = cluster.mode() == Mode.WORKFLOW ? name + "-missing" : null;
        load = TransferLoad.start(client, history, cluster.urls(), accounts, missing, MAX_AMOUNT, CLIENT_THREADS,
                name);
        watcher = BalanceWatcher.start(client, history, cluster.urls(), accounts);
        leaders = LeaderWatch.start(history, cluster.urls());
        unkeyed = UnkeyedTransfers.start(client, cluster.urls(), accounts);
        cluster.await(WARM_UP_COMMITS + " transfers committed before the fault", WARM_UP_TIMEOUT,
                () -> Optional.of(load.committedCount()).filter(count -> count >= WARM_UP_COMMITS));
    }

    TransferLoad load() {
        return load;
    }

    /** Every operation of the scenario's clients so far. */
    History history() {
        return history;
    }

    /** Marks the moment of the fault ({@link System#nanoTime()}); the unavailability window is measured from it. */
    long faultNow() {
        faultAt = System.nanoTime();
        return faultAt;
    }

    /**
     * How long after {@code faultAt} ({@link System#nanoTime()}) writes went through again, as seen by
     * {@code firstCommit} (from {@link TransferLoad#firstCommitSentAfter}); fails after {@code max}.
     */
    static Duration writeGap(CompletableFuture<Long> firstCommit, long faultAt, Duration max)
            throws InterruptedException, ExecutionException {
        long remaining = faultAt + max.toNanos() - System.nanoTime();
        try {
            return Duration.ofNanos(firstCommit.get(Math.max(0, remaining), TimeUnit.NANOSECONDS) - faultAt);
        } catch (TimeoutException e) {
            throw new AssertionError("no transfer sent after the fault was committed within " + max.toSeconds() + " s");
        }
    }

    /**
     * Ends the load, settles what is open, and checks everything that must hold after any fault; then adds the
     * scenario's row (with 0 anomalies: any anomaly failed the test before) to the fault results.
     */
    void finishAndVerify(String fault) throws IOException, InterruptedException {
        finishAndVerify(fault, null);
    }

    /** As {@link #finishAndVerify(String)}, after a partition whose cut-off side acknowledged that many writes. */
    void finishAndVerify(String fault, Long cutOffAcknowledged) throws IOException, InterruptedException {
        close();
        cluster.awaitQuiescent(QUIESCE_TIMEOUT);
        List<String> unsettled = load.settleOpenKeys();
        cluster.awaitQuiescent(QUIESCE_TIMEOUT);
        System.out.println(load.summary());
        System.out.println(watcher.reads() + " balance reads during the load");
        String node = cluster.urls().get(0);
        assertAll(
                () -> assertEquals(List.of(), load.unexpectedAnswers(), "answers neither definite nor 503/409"),
                // A 500 whose client had already given up is seen only in the node's log (ProblemMappers).
                () -> assertEquals(List.of(), cluster.logsContaining("unexpected failure"),
                        "node logs with a failure answered 500"),
                // SOFAJRaft's old protobuf classes are accepted on purpose (raft.md, "Limits"), not warned about.
                () -> assertEquals(List.of(), cluster.logsContaining("Vulnerable protobuf"),
                        "node logs with protobuf's warning about old generated code"),
                () -> assertEquals(List.of(), unsettled, "keys without a definite answer on a healthy cluster"),
                () -> assertEquals(List.of(), watcher.negativeBalances(), "negative balances seen by readers"),
                () -> assertTrue(watcher.reads() > 0, "the watcher read no balance"),
                () -> assertEquals(List.of(), unkeyed.otherAnswers(), "a transfer without a key must be refused"),
                () -> assertTrue(unkeyed.refused() > 0, "no transfer without a key was answered"),
                () -> LedgerInvariants.assertExactlyOnce(client, node, openingBalances, load.settled()),
                () -> assertEquals(List.of(), load.replayMismatches(REPLAY_SAMPLE),
                        "a retry with the same Idempotency-Key must replay the same transfer"),
                this::assertHistoryHolds);
        FaultResults.add(cluster.mode(), fault, load, load.longestCommitGap(faultAt, loadStoppedAt),
                cutOffAcknowledged);
    }

    /**
     * The history of every attempt, read and leader claim, checked against the ledger the database holds: each key
     * applied as answered, real-time order, linearizable balance reads, one leader per term.
     */
    private void assertHistoryHolds() throws SQLException {
        List<DatabaseConnection> databases = new ArrayList<>(List.of(cluster.nodes().database()));
        cluster.nodes().shard1Database().ifPresent(databases::add);
        List<Connection> connections = new ArrayList<>();
        LedgerState state;
        try {
            for (DatabaseConnection database : databases) {
                connections.add(DriverManager.getConnection(database.jdbcUrl(), database.username(),
                        database.password()));
            }
            state = LedgerState.read(connections, openingBalances.keySet());
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
        HistoryChecker.Result result = HistoryChecker.check(history, state);
        System.out.println("history: " + result.summary());
        assertEquals(List.of(), result.anomalies(), "anomalies in the history");
    }

    /** Stops the load and the watchers; idempotent, so a failed test stops them too. */
    @Override
    public void close() throws InterruptedException {
        if (load != null && loadStoppedAt == 0) {
            loadStoppedAt = System.nanoTime();
            load.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (leaders != null) {
            leaders.close();
        }
        if (unkeyed != null) {
            unkeyed.close();
        }
    }
}
