package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.ClusterState.ZooKeeperMemberState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.IsolatedNetwork;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Processes;
import dev.ledger.cluster.RecordedProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code ./ledger down}: stops the processes recorded in the state file, and nothing else. The
 * supervisor gets SIGTERM and stops its nodes, ZooKeeper members and PostgreSQL itself; whatever outlives it
 * (because it was killed, say) is then stopped here.
 */
@Command(name = "down", description = "Stop the cluster that up started (only the processes it recorded).")
final class DownCommand implements Callable<Integer> {

    /** The supervisor needs at most 15 s for its nodes plus a few seconds for ZooKeeper and PostgreSQL. */
    private static final int SUPERVISOR_STOP_TIMEOUT_SECONDS = 30;
    private static final int KILL_TIMEOUT_SECONDS = 5;
    /** A "smart" shutdown waits for clients; the nodes are gone by now, so this is generous. */
    private static final int POSTGRES_STOP_TIMEOUT_SECONDS = 30;

    private final LedgerHome home;
    private final PrintStream out = System.out;

    DownCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<ClusterState> recorded = ClusterState.read(home.stateFile());
        if (recorded.isEmpty()) {
            out.println("no cluster running: nothing to stop");
            return LedgerCli.EXIT_OK;
        }
        ClusterState state = recorded.get();
        Map<String, RecordedProcess> processes = byName(state);
        Set<String> runningBefore = processes.entrySet().stream()
                .filter(entry -> entry.getValue().findLive().isPresent())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        stopSupervisor(state);
        for (NodeState node : state.nodes()) {
            killLeftOver(node.id(), node.process());
        }
        // In the supervisor's order: the nodes, then what they depend on.
        for (ZooKeeperMemberState member : zooKeeperMembers(state)) {
            killLeftOver(member.id(), member.process());
        }
        for (RecordedProcess postgres : state.embeddedPostgres()) {
            stopLeftOverPostgres(postgres);
        }
        if (state.isolated()) {
            // The supervisor deletes them as it stops; after a supervisor that was killed, this does.
            IsolatedNetwork.destroy(state.addresses().keySet());
        }

        processes.forEach((name, process) -> out.printf("  %-10s pid %-8d %s%n", name, process.pid(),
                !runningBefore.contains(name) ? "was not running"
                        : process.findLive().isPresent() ? "STILL RUNNING" : "stopped"));
        if (state.anyProcessAlive()) {
            throw new CommandFailedException("part of the cluster is still running; "
                    + home.display(home.stateFile()) + " is kept so that ./ledger down can try again");
        }
        Files.deleteIfExists(home.stateFile());
        out.println("cluster stopped");
        return LedgerCli.EXIT_OK;
    }

    private static Map<String, RecordedProcess> byName(ClusterState state) {
        Map<String, RecordedProcess> processes = new LinkedHashMap<>();
        processes.put("supervisor", state.supervisor());
        state.nodes().forEach(node -> processes.put(node.id(), node.process()));
        zooKeeperMembers(state).forEach(member -> processes.put(member.id(), member.process()));
        List<RecordedProcess> postgres = state.embeddedPostgres();
        for (int i = 0; i < postgres.size(); i++) {
            processes.put(i == 0 ? "postgres" : "postgres-" + i, postgres.get(i));
        }
        return processes;
    }

    private static List<ZooKeeperMemberState> zooKeeperMembers(ClusterState state) {
        return state.zookeeper() == null ? List.of() : state.zookeeper().members();
    }

    private void stopSupervisor(ClusterState state) throws InterruptedException {
        Optional<ProcessHandle> supervisor = state.supervisor().findLive();
        if (supervisor.isEmpty()) {
            return;
        }
        String itsProcesses = "its nodes" + (state.zookeeper() == null ? "" : ", its ZooKeeper ensemble")
                + (state.embeddedPostgres().isEmpty() ? "" : " and PostgreSQL");
        out.println("stopping the supervisor (pid " + state.supervisor().pid() + "), which stops " + itsProcesses);
        supervisor.get().destroy();
        if (!Processes.awaitExit(supervisor.get(), Duration.ofSeconds(SUPERVISOR_STOP_TIMEOUT_SECONDS))) {
            out.println("the supervisor did not stop within " + SUPERVISOR_STOP_TIMEOUT_SECONDS + " s: killing it");
            supervisor.get().destroyForcibly();
            Processes.awaitExit(supervisor.get(), Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
        }
    }

    /** SIGKILL: a node keeps nothing that a crash would lose, and a ZooKeeper member syncs its log on each write. */
    private void killLeftOver(String name, RecordedProcess recorded) throws InterruptedException {
        Optional<ProcessHandle> process = recorded.findLive();
        if (process.isPresent()) {
            out.println(name + " (pid " + recorded.pid() + ") outlived its supervisor: killing it");
            process.get().destroyForcibly();
            Processes.awaitExit(process.get(), Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
        }
    }

    /** SIGTERM is PostgreSQL's "smart" shutdown; SIGKILL would leave its backends and shared memory behind. */
    private void stopLeftOverPostgres(RecordedProcess recorded) throws InterruptedException {
        Optional<ProcessHandle> postgres = recorded.findLive();
        if (postgres.isPresent()) {
            out.println("PostgreSQL (pid " + recorded.pid() + ") outlived its supervisor: shutting it down");
            postgres.get().destroy();
            if (!Processes.awaitExit(postgres.get(), Duration.ofSeconds(POSTGRES_STOP_TIMEOUT_SECONDS))) {
                out.println("PostgreSQL is still running after " + POSTGRES_STOP_TIMEOUT_SECONDS
                        + " s, probably waiting for a client to disconnect");
            }
        }
    }
}
