package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeClient;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.contract.ClusterInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code ./ledger status}: the recorded processes, and what each live node says about itself. */
final class StatusCommand {

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();

    StatusCommand(LedgerHome home) {
        this.home = home;
    }

    void run() throws IOException, InterruptedException {
        ClusterState state = ClusterState.read(home.stateFile())
                .orElseThrow(() -> new CommandFailedException("no cluster running"));
        PrintStream out = System.out;
        out.println("mode        " + state.mode().value());
        out.println("supervisor  pid " + state.supervisor().pid() + " " + (state.supervisor().findLive().isPresent()
                ? "(running)" : "(gone: ./ledger down stops what it left behind)"));
        out.println("database    " + state.database().jdbcUrl() + " " + describePostgres(state));
        out.println();
        ClusterStatusTable table = new ClusterStatusTable();
        for (NodeState node : state.nodes()) {
            boolean alive = node.process().findLive().isPresent();
            OptionalInt readiness = alive ? client.readinessStatus(node.url()) : OptionalInt.empty();
            Optional<ClusterInfo> info = alive ? client.clusterInfo(node.url()) : Optional.empty();
            table.addNode(node, alive, readiness, info);
        }
        out.print(table.render());
    }

    private static String describePostgres(ClusterState state) {
        RecordedProcess postgres = state.database().embeddedPostgres();
        if (postgres == null) {
            return "(external)";
        }
        return "(embedded, pid " + postgres.pid() + " " + (postgres.findLive().isPresent() ? "running)" : "gone)");
    }
}
