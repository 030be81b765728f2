package dev.ledger.tools;

import dev.ledger.tools.ClusterState.NodeState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code ./ledger kill-leader}: SIGKILL for the node that reports itself raft leader (failover demos). */
final class KillLeaderCommand {

    private static final int KILL_TIMEOUT_SECONDS = 5;

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();

    KillLeaderCommand(LedgerHome home) {
        this.home = home;
    }

    void run() throws IOException, InterruptedException {
        ClusterState state = ClusterState.read(home.stateFile())
                .orElseThrow(() -> new CommandFailedException("no cluster running"));
        Leader leader = findLeader(state)
                .orElseThrow(() -> new CommandFailedException("no raft leader (mode is " + state.mode().cliName() + ")"));
        leader.process().destroyForcibly();
        Instant killedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Processes.awaitExit(leader.process(), Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
        System.out.printf("killed leader %s (pid %d, term %s) with SIGKILL at %s%n",
                leader.node().id(), leader.process().pid(), leader.info().term(), killedAt);
    }

    private record Leader(NodeState node, ProcessHandle process, ClusterInfo info) {
    }

    private Optional<Leader> findLeader(ClusterState state) throws InterruptedException {
        List<Leader> leaders = new ArrayList<>();
        for (NodeState node : state.nodes()) {
            Optional<ProcessHandle> process = node.process().findLive();
            if (process.isPresent()) {
                client.clusterInfo(node.url())
                        .filter(ClusterInfo::leads)
                        .ifPresent(info -> leaders.add(new Leader(node, process.get(), info)));
            }
        }
        // A deposed leader that has not yet heard of the new term may still claim to lead; the
        // higher term is the current leader.
        return leaders.stream().max(Comparator.comparing(leader -> Optional.ofNullable(leader.info().term()).orElse(0L)));
    }
}
