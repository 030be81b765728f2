package dev.ledger.load;

import dev.ledger.cluster.DatabaseConnection;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.contract.ShardRule;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A comparison's way into a cluster's PostgreSQL, straight (never through the relay): set up, read, measure. */
public record ClusterDatabase(String url, String user, String password) {

    private static final long OPENING_BALANCE = 1_000_000;
    /** Commits timed for {@link #commitMillis()}; the median is taken. */
    private static final int COMMITS = 31;

    /** The cluster's database as the launcher reaches it now (it moves when it restarts for another regime). */
    public static ClusterDatabase of(LocalCluster cluster) {
        DatabaseConnection connection = cluster.database();
        return new ClusterDatabase(connection.jdbcUrl(), connection.username(), connection.password());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Accounts straight into the cluster's database, or each into its shard's in the workflow mode: 10,000 through
     * the API would take longer than a run.
     */
    static void seedAccounts(LocalCluster cluster, int accounts) throws IOException {
        List<String> ids = IntStream.range(0, accounts).mapToObj(i -> ComparisonPlan.ACCOUNT_PREFIX + i).toList();
        Optional<DatabaseConnection> shard1 = cluster.shard1Database();
        if (shard1.isEmpty()) {
            of(cluster).insertAccounts(ids);
            return;
        }
        List<ClusterDatabase> shards = List.of(of(cluster), new ClusterDatabase(shard1.get().jdbcUrl(),
                shard1.get().username(), shard1.get().password()));
        for (int shard = 0; shard < shards.size(); shard++) {
            int on = shard;
            shards.get(shard).insertAccounts(ids.stream().filter(id -> ShardRule.shardOf(id) == on).toList());
        }
    }

    /** The accounts, each with the opening balance, unless it exists. */
    private void insertAccounts(List<String> ids) throws IOException {
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO account (id, balance, opening_balance)"
                        + " SELECT id, ?, ? FROM unnest(?) AS id ON CONFLICT (id) DO NOTHING")) {
            insert.setLong(1, OPENING_BALANCE);
            insert.setLong(2, OPENING_BALANCE);
            insert.setArray(3, c.createArrayOf("varchar", ids.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("could not create the accounts in " + url, e);
        }
    }

    String show(String setting) throws IOException {
        try (Connection c = connect(); PreparedStatement show = c.prepareStatement("SHOW " + setting);
                ResultSet row = show.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IOException("could not read the database setting " + setting, e);
        }
    }

    /**
     * How long PostgreSQL takes to commit a transaction that wrote (its commit record is flushed to disk when commits
     * are durable), from this host: the median of {@value #COMMITS}. A row lock is held at least this long.
     */
    double commitMillis() throws IOException {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            long[] nanos = new long[COMMITS];
            for (int i = -1; i < COMMITS; i++) { // the first, not counted, opens the session's caches
                statement.execute("SELECT pg_current_xact_id()"); // assigns a transaction id: the commit is logged
                long start = System.nanoTime();
                c.commit();
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            return Math.round(nanos[COMMITS / 2] / 1e3) / 1000.0;
        } catch (SQLException e) {
            throw new IOException("could not time a commit", e);
        }
    }
}
