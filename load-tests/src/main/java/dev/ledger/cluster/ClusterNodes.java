package dev.ledger.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The node JVMs of a cluster as started, one per {@link NodeSpec}: waiting until they are ready, finding one,
 * putting a restarted one in its predecessor's place, and stopping them all. Its own lock: fault injection and the
 * supervisor's restarts come from other threads than start-up and stop.
 */
final class ClusterNodes {

    static final int READY_TIMEOUT_SECONDS = 90;
    static final int KILL_TIMEOUT_SECONDS = 5;
    private static final int READY_POLL_INTERVAL_MILLIS = 500;
    private static final int STOP_TIMEOUT_SECONDS = 15;
    private static final int LOG_TAIL_LINES = 30;

    private final LedgerHome home;
    private final NodeClient client;
    private final PrintStream out;
    private final List<NodeProcess> nodes = new ArrayList<>();

    ClusterNodes(LedgerHome home, NodeClient client, PrintStream out) {
        this.home = home;
        this.client = client;
        this.out = out;
    }

    synchronized void add(NodeProcess node) {
        nodes.add(node);
    }

    synchronized void replace(NodeProcess previous, NodeProcess started) {
        nodes.set(nodes.indexOf(previous), started);
    }

    synchronized NodeProcess of(NodeSpec node) {
        return nodes.stream().filter(process -> process.spec().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(node.id() + " was not started"));
    }

    synchronized List<NodeProcess> started() {
        return List.copyOf(nodes);
    }

    /**
     * Returns once every node answers its readiness probe with 200; throws {@link CommandFailedException} with the
     * log tails of those that exited or were not ready in {@link #READY_TIMEOUT_SECONDS}. {@code stopRequested}
     * throws to give up early.
     */
    void awaitReady(Runnable stopRequested) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(READY_TIMEOUT_SECONDS);
        List<NodeProcess> waiting = new ArrayList<>(started());
        while (true) {
            for (Iterator<NodeProcess> it = waiting.iterator(); it.hasNext(); ) {
                NodeProcess node = it.next();
                stopRequested.run();
                if (!node.isAlive()) {
                    throw startFailure(node.spec().id() + " exited with code " + node.process().exitValue()
                            + " before it was ready", List.of(node));
                }
                if (client.readinessStatus(node.spec().httpUrl()).orElse(-1) == NodeClient.HTTP_OK) {
                    out.println(node.spec().id() + " is ready");
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw startFailure(ids(waiting) + " not ready after " + READY_TIMEOUT_SECONDS + " s", waiting);
            }
            Thread.sleep(READY_POLL_INTERVAL_MILLIS);
        }
    }

    private CommandFailedException startFailure(String reason, List<NodeProcess> failedNodes) {
        StringBuilder message = new StringBuilder(reason);
        for (NodeProcess node : failedNodes) {
            message.append(System.lineSeparator()).append(LogTail.describe(home, node.spec().log(), LOG_TAIL_LINES));
        }
        return new CommandFailedException(message.toString());
    }

    /** SIGTERM to every node at once, so that they shut down in parallel; SIGKILL for laggards. */
    void stopAll() {
        List<NodeProcess> running = started().stream().filter(NodeProcess::isAlive).toList();
        if (running.isEmpty()) {
            return;
        }
        out.println("stopping " + ids(running));
        // A paused node cannot shut down gracefully; SIGKILL ends even a stopped process.
        running.forEach(node -> {
            if (node.isPaused()) {
                node.kill();
            } else {
                node.requestStop();
            }
        });
        Instant deadline = Instant.now().plusSeconds(STOP_TIMEOUT_SECONDS);
        for (NodeProcess node : running) {
            if (!node.awaitExit(Duration.between(Instant.now(), deadline))) {
                out.println(node.spec().id() + " did not stop within " + STOP_TIMEOUT_SECONDS + " s: killing it");
                node.kill();
                node.awaitExit(Duration.ofSeconds(KILL_TIMEOUT_SECONDS));
            }
        }
    }

    private static String ids(List<NodeProcess> nodes) {
        return nodes.stream().map(node -> node.spec().id()).collect(Collectors.joining(", "));
    }
}
