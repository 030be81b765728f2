package dev.ledger.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./ledger restart <node>} asks the cluster's supervisor to start a dead node again: only the supervisor (the
 * process of {@code ./ledger up}) is the nodes' parent and knows how each was started (its command line, environment
 * and network namespace). The request is a file in the cluster's directory, which the supervisor looks for a few times
 * a second; its answer is a file beside it, one line: {@code restarted <pid>} or {@code refused <why>}.
 */
public final class RestartRequests {

    private static final String REQUEST = "restart-";
    private static final String ANSWER = ".answer";
    private static final Duration POLL = Duration.ofMillis(200);

    private RestartRequests() {
    }

    private static Path directory(LedgerHome home) {
        return home.clusterDir().resolve("requests");
    }

    /**
     * Asks for {@code nodeId} to be restarted and waits up to {@code timeout} for the answer (empty if none came: the
     * supervisor is gone or stuck).
     */
    public static Optional<String> ask(LedgerHome home, String nodeId, Duration timeout)
            throws IOException, InterruptedException {
        Path directory = Files.createDirectories(directory(home));
        Path request = directory.resolve(REQUEST + nodeId);
        Path answer = directory.resolve(REQUEST + nodeId + ANSWER);
        Files.deleteIfExists(answer);
        // Written aside and moved in: the supervisor never reads half a request.
        Path written = Files.writeString(directory.resolve(REQUEST + nodeId + ".new"), nodeId);
        Files.move(written, request, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(answer)) {
                String line = Files.readString(answer, StandardCharsets.UTF_8).trim();
                Files.delete(answer);
                return Optional.of(line);
            }
            Thread.sleep(POLL.toMillis());
        }
        Files.deleteIfExists(request);
        return Optional.empty();
    }

    /** The supervisor's side: answers every request until the cluster stops, on a daemon thread of its own. */
    static void serve(LocalCluster cluster, LedgerHome home) {
        Thread server = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        answerPending(cluster, home);
                    } catch (IOException e) {
                        System.err.println("a restart request could not be answered: " + e);
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ledger-restart-requests");
        server.setDaemon(true);
        server.start();
    }

    private static void answerPending(LocalCluster cluster, LedgerHome home) throws IOException {
        Path directory = directory(home);
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> requests;
        try (Stream<Path> files = Files.list(directory)) {
            requests = files.filter(f -> f.getFileName().toString().startsWith(REQUEST))
                    .filter(f -> !f.getFileName().toString().contains(".")).toList();
        }
        for (Path request : requests) {
            String nodeId = request.getFileName().toString().substring(REQUEST.length());
            String answer = restart(cluster, nodeId);
            Files.delete(request);
            Path written = Files.writeString(directory.resolve(REQUEST + nodeId + ANSWER + ".new"), answer);
            Files.move(written, directory.resolve(REQUEST + nodeId + ANSWER), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String restart(LocalCluster cluster, String nodeId) {
        Optional<NodeSpec> node = cluster.nodeSpecs().stream().filter(spec -> spec.id().equals(nodeId)).findFirst();
        if (node.isEmpty()) {
            return "refused there is no node " + nodeId;
        }
        try {
            return "restarted " + cluster.restart(node.get());
        } catch (IOException | RuntimeException e) {
            return "refused " + e.getMessage();
        }
    }
}
