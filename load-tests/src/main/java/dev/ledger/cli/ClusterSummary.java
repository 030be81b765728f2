package dev.ledger.cli;

import dev.ledger.cluster.ClusterCredentials;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.DatabaseState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "cluster is up" message: where each node answers, which database and ZooKeeper ensemble it uses, what to do
 * next.
 */
final class ClusterSummary {

    private ClusterSummary() {
    }

    static void print(ClusterState state, LedgerHome home, String howToStop) {
        PrintStream out = System.out;
        out.printf("%nLedger cluster is up: mode %s, %d node(s)%n", state.mode().value(), state.nodes().size());
        for (NodeState node : state.nodes()) {
            out.printf("  %-9s %s   (log %s)%n", node.id(), node.url(), home.display(Path.of(node.log())));
        }
        DatabaseState shard1 = state.shard1Database();
        out.printf("  %-9s %s   (%s%s)%n", "database", state.database().jdbcUrl(),
                describeDatabase(state.database(), home.postgresDataDir(), home),
                shard1 == null ? "" : "; shard 0, and the workflow engine's state");
        if (shard1 != null) {
            out.printf("  %-9s %s   (%s; shard 1)%n", "database", shard1.jdbcUrl(),
                    describeDatabase(shard1, home.shard1DataDir(), home));
        }
        if (state.zookeeper() != null) {
            out.printf("  %-9s %s   (%d members, logs in %s)%n", "zookeeper", state.zookeeper().connectString(),
                    state.zookeeper().members().size(), home.display(home.zooKeeperDir()));
        }
        Path tokenFile = ClusterCredentials.adminTokenFile(home);
        if (Files.exists(tokenFile)) {
            try {
                out.printf("faults:  on: the dashboard's Faults panel takes the admin token %s (also in %s)%n",
                        Files.readString(tokenFile).trim(), home.display(tokenFile));
            } catch (IOException e) {
                out.println("faults:  on: the admin token is in " + home.display(tokenFile));
            }
        }
        out.println("dashboard: " + state.nodes().get(0).url() + "/");
        out.println("status:  ./ledger status");
        out.println("stop:    " + howToStop);
    }

    private static String describeDatabase(DatabaseState database, Path dataDir, LedgerHome home) {
        if (database.embeddedPostgres() == null) {
            return "from " + NodeEnvironment.JDBC_URL;
        }
        return "embedded PostgreSQL, data in " + home.display(dataDir) + (database.durable()
                ? ", fsync and synchronous_commit on: durable" : ", fsync and synchronous_commit off: not durable");
    }
}
