package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeClient;
import dev.ledger.cluster.Processes;
import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.FaultLimits;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ledger kill-leader} and {@code ./ledger pause-leader}: SIGKILL, or SIGSTOP and later SIGCONT, for the
 * node that reports itself leader in a mode with one (failover demos, and the fault runs of an independent checker).
 */
final class LeaderFaultCommand {

    private static final int KILL_TIMEOUT_SECONDS = 5;
    /** How long kill-leader waits to tell who leads next: well above an election on a loaded machine. */
    private static final Duration SUCCESSOR_WAIT = Duration.ofSeconds(30);
    private static final Duration SUCCESSOR_POLL = Duration.ofMillis(50);

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();

    LeaderFaultCommand(LedgerHome home) {
        this.home = home;
    }

    /** Kills the leader, then tells who leads next and how long after the kill the survivors said so. */
    void kill() throws IOException, InterruptedException {
        ClusterState state = ClusterState.running(home.stateFile());
        LeaderProcess leader = currentLeader(state);
        leader.process().destroyForcibly();
        long killedNanos = System.nanoTime();
        Instant killedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Processes.awaitExit(leader.process(), Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
        System.out.printf("killed leader %s (pid %d, term %s) with SIGKILL at %s%n",
                leader.node().id(), leader.process().pid(), leader.info().term(), killedAt);
        Optional<LeaderProcess> next = successor(state, killedNanos);
        if (next.isPresent()) {
            System.out.printf("%s leads (term %s), %d ms after the kill%n", next.get().node().id(),
                    next.get().info().term(), Duration.ofNanos(System.nanoTime() - killedNanos).toMillis());
        } else {
            System.out.printf("no node reports itself leader %d s after the kill: see ./ledger status%n",
                    SUCCESSOR_WAIT.toSeconds());
        }
        System.out.printf("%s stays down until ./ledger restart %s%n", leader.node().id(), leader.node().id());
    }

    /** The first leader the surviving nodes report after the kill, within {@link #SUCCESSOR_WAIT}. */
    private Optional<LeaderProcess> successor(ClusterState state, long killedNanos) throws InterruptedException {
        while (System.nanoTime() - killedNanos < SUCCESSOR_WAIT.toNanos()) {
            Optional<LeaderProcess> leader = findLeader(state);
            if (leader.isPresent()) {
                return leader;
            }
            Thread.sleep(SUCCESSOR_POLL.toMillis());
        }
        return Optional.empty();
    }

    /** Freezes the leader for {@code seconds} (longer than an election timeout deposes it), then resumes it. */
    void pause(int seconds) throws IOException, InterruptedException {
        LeaderProcess leader = currentLeader(ClusterState.running(home.stateFile()));
        Processes.signal(leader.process().pid(), "STOP");
        System.out.printf("paused leader %s (pid %d, term %s) with SIGSTOP at %s for %d s%n", leader.node().id(),
                leader.process().pid(), leader.info().term(), Instant.now().truncatedTo(ChronoUnit.MILLIS), seconds);
        try {
            Thread.sleep(seconds * 1000L);
        } finally {
            // Even when interrupted: a node must never be left frozen.
            Processes.signal(leader.process().pid(), "CONT");
            System.out.printf("resumed %s with SIGCONT at %s%n", leader.node().id(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Command(name = "kill-leader", description = "SIGKILL the current leader (raft, zookeeper; failover demos).")
    static final class Kill implements Callable<Integer> {
        private final LedgerHome home;

        Kill(LedgerHome home) {
            this.home = home;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            new LeaderFaultCommand(home).kill();
            return LedgerCli.EXIT_OK;
        }
    }

    @Command(name = "pause-leader", description = "SIGSTOP the current leader (raft, zookeeper) for a while, then"
            + " SIGCONT.")
    static final class Pause implements Callable<Integer> {
        private final LedgerHome home;
        @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
                description = "How long, 1 to " + FaultLimits.PAUSE_MAX_SECONDS + " (default: ${DEFAULT-VALUE}).")
        private int seconds;

        Pause(LedgerHome home) {
            this.home = home;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (seconds < 1 || seconds > FaultLimits.PAUSE_MAX_SECONDS) {
                throw new UsageException("--seconds needs a whole number from 1 to " + FaultLimits.PAUSE_MAX_SECONDS);
            }
            new LeaderFaultCommand(home).pause(seconds);
            return LedgerCli.EXIT_OK;
        }
    }

    private LeaderProcess currentLeader(ClusterState state) throws InterruptedException {
        if (!state.mode().hasLeader()) {
            throw new CommandFailedException("the " + state.mode().value() + " mode has no leader: every node"
                    + " writes through PostgreSQL alike");
        }
        return findLeader(state).orElseThrow(() -> new CommandFailedException(
                "no node reports itself leader now (an election may be under way): see ./ledger status"));
    }

    private record Running(NodeState node, ProcessHandle process) {
    }

    private record LeaderProcess(NodeState node, ProcessHandle process, ClusterInfo info) {
    }

    private Optional<LeaderProcess> findLeader(ClusterState state) throws InterruptedException {
        List<Running> running = new ArrayList<>();
        for (NodeState node : state.nodes()) {
            node.process().findLive().ifPresent(process -> running.add(new Running(node, process)));
        }
        return client.leaderAmong(running, candidate -> candidate.node().url())
                .map(claim -> new LeaderProcess(claim.node().node(), claim.node().process(), claim.info()));
    }
}
