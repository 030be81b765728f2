package dev.ledger.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.DatabaseState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.ClusterState.ZooKeeperState;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeClient;
import dev.ledger.cluster.RecordedProcess;
import dev.ledger.contract.ClusterInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ledger status}: the recorded processes, and what each live node says about itself. Exits 1 unless every
 * recorded node is alive and ready and every recorded ZooKeeper member runs, so that a script can wait on it.
 */
@Command(name = "status", description = {"The nodes: process, readiness, role, leader and term (in the modes with a"
        + " leader); the ZooKeeper members (zookeeper mode).",
        "Exits 1 when a recorded node is dead or not ready, or a ZooKeeper member is gone."})
final class StatusCommand implements Callable<Integer> {

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();
    @Option(names = "--json", description = "One JSON object instead of the table.")
    private boolean json;

    StatusCommand(LedgerHome home) {
        this.home = home;
    }

    /**
     * What {@code --json} prints: the table's facts, with the readiness as the HTTP status it was. {@code shard1}: the
     * workflow mode's second database.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String mode, Process supervisor, Database database, Database shard1, ZooKeeper zookeeper,
            List<Node> nodes, boolean healthy) {
    }

    record Process(long pid, boolean running) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Database(String jdbcUrl, Process embedded) {
    }

    /** The ensemble the nodes connect to, and whether each member's recorded process runs. */
    record ZooKeeper(String connectString, List<Member> members) {

        static ZooKeeper of(ZooKeeperState recorded) {
            return new ZooKeeper(recorded.connectString(), recorded.members().stream()
                    .map(member -> new Member(member.id(), process(member.process()))).toList());
        }

        boolean allRunning() {
            return members.stream().allMatch(member -> member.process().running());
        }
    }

    record Member(String id, Process process) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Node(String id, String url, long pid, boolean alive, Integer readinessStatus, boolean ready,
            ClusterInfo cluster) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClusterState state = ClusterState.running(home.stateFile());
        List<Node> nodes = new ArrayList<>();
        for (NodeState node : state.nodes()) {
            boolean alive = node.process().findLive().isPresent();
            OptionalInt readiness = alive ? client.readinessStatus(node.url()) : OptionalInt.empty();
            Optional<ClusterInfo> info = alive ? client.clusterInfo(node.url()) : Optional.empty();
            nodes.add(new Node(node.id(), node.url(), node.process().pid(), alive,
                    readiness.isPresent() ? readiness.getAsInt() : null,
                    readiness.isPresent() && readiness.getAsInt() == NodeClient.HTTP_OK, info.orElse(null)));
        }
        ZooKeeper zooKeeper = state.zookeeper() == null ? null : ZooKeeper.of(state.zookeeper());
        Status status = new Status(state.mode().value(), process(state.supervisor()), database(state.database()),
                state.shard1Database() == null ? null : database(state.shard1Database()), zooKeeper, nodes,
                nodes.stream().allMatch(Node::ready) && (zooKeeper == null || zooKeeper.allRunning()));
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(status));
        } else {
            print(status, System.out);
        }
        return status.healthy() ? LedgerCli.EXIT_OK : LedgerCli.EXIT_FAILED;
    }

    private static Database database(DatabaseState recorded) {
        RecordedProcess postgres = recorded.embeddedPostgres();
        return new Database(recorded.jdbcUrl(), postgres == null ? null : process(postgres));
    }

    private static Process process(RecordedProcess recorded) {
        return new Process(recorded.pid(), recorded.findLive().isPresent());
    }

    private static void print(Status status, PrintStream out) {
        out.println("mode        " + status.mode());
        out.println("supervisor  pid " + status.supervisor().pid() + " " + (status.supervisor().running()
                ? "(running)" : "(gone: ./ledger down stops what it left behind)"));
        out.println("database    " + describe(status.database()));
        if (status.shard1() != null) {
            out.println("shard 1     " + describe(status.shard1()));
        }
        if (status.zookeeper() != null) {
            out.println("zookeeper   " + status.zookeeper().connectString() + " (" + status.zookeeper().members()
                    .stream().map(member -> member.id() + " pid " + member.process().pid() + " "
                            + (member.process().running() ? "running" : "gone"))
                    .collect(Collectors.joining(", ")) + ")");
        }
        out.println();
        ClusterStatusTable table = new ClusterStatusTable();
        status.nodes().forEach(table::addNode);
        out.print(table.render());
    }

    private static String describe(Database database) {
        Process postgres = database.embedded();
        return database.jdbcUrl() + " " + (postgres == null ? "(external)"
                : "(embedded, pid " + postgres.pid() + " " + (postgres.running() ? "running)" : "gone)"));
    }
}
