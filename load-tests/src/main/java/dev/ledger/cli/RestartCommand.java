package dev.ledger.cli;

import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.ClusterState.NodeState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.NodeClient;
import dev.ledger.cluster.RestartRequests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ledger restart <node>}: a node that died or was killed starts again with its data and rejoins the cluster.
 * The cluster's supervisor starts it ({@link RestartRequests}); this command waits until it is ready.
 */
@Command(name = "restart", description = "Start a node that died or was killed (kill-leader) again, with its data:"
        + " it rejoins the cluster. Returns once it is ready.")
final class RestartCommand implements Callable<Integer> {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** A JVM and Quarkus starting on a loaded two-core machine, then catching up with the others. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration READY_POLL = Duration.ofMillis(250);

    private final LedgerHome home;
    private final NodeClient client = new NodeClient();
    @Parameters(paramLabel = "NODE", description = "The node's id, as ./ledger status names it (n1, n2, ...).")
    private String nodeId;

    RestartCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClusterState state = ClusterState.running(home.stateFile());
        NodeState node = state.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new UsageException("there is no node " + nodeId + "; the nodes are "
                        + state.nodes().stream().map(NodeState::id).toList()));
        Optional<ProcessHandle> running = node.process().findLive();
        if (running.isPresent()) {
            throw new CommandFailedException(nodeId + " is running (pid " + running.get().pid() + "): only a node"
                    + " that is down is restarted");
        }
        if (state.supervisor().findLive().isEmpty()) {
            throw new CommandFailedException("the cluster's supervisor (pid " + state.supervisor().pid() + ", the"
                    + " process of ./ledger up) is gone: ./ledger down, then up");
        }
        String answer = RestartRequests.ask(home, nodeId, ANSWER_TIMEOUT).orElseThrow(() -> new CommandFailedException(
                "the cluster's supervisor did not answer in " + ANSWER_TIMEOUT.toSeconds() + " s"));
        if (!answer.startsWith("restarted ")) {
            throw new CommandFailedException("not restarted: " + answer.substring(answer.indexOf(' ') + 1));
        }
        System.out.printf("%s started again (pid %s, log %s); waiting until it is ready%n", nodeId,
                answer.substring("restarted ".length()), home.display(Path.of(node.log())));
        long start = System.nanoTime();
        while (System.nanoTime() - start < READY_TIMEOUT.toNanos()) {
            OptionalInt status = client.readinessStatus(node.url());
            if (status.isPresent() && status.getAsInt() == NodeClient.HTTP_OK) {
                System.out.printf("%s is ready, %.1f s after it started%n", nodeId, (System.nanoTime() - start) / 1e9);
                return LedgerCli.EXIT_OK;
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        throw new CommandFailedException(nodeId + " is not ready " + READY_TIMEOUT.toSeconds() + " s after it started:"
                + " see its log and ./ledger status");
    }
}
