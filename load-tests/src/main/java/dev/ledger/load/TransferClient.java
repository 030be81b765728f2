package dev.ledger.load;

import dev.ledger.contract.SameKeyRetry;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends transfers to the nodes in turn, as a Kubernetes Service spreads requests, and resolves every unknown
 * outcome the way a careful client does ({@link SameKeyRetry}): the same request, same key, on the next node.
 */
final class TransferClient {

    /** The final answer to one transfer: its HTTP status (0 if none came), its transfer id, replayed or not. */
    record Answer(int status, String transferId, boolean replayed, int retries) {
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int REQUEST_TIMEOUT_MS = 15_000;

    private final List<URI> nodes;
    private final AtomicInteger turn = new AtomicInteger();
    /** Each sending thread keeps one connection per node, as a client's connection pool would. */
    private final ThreadLocal<KeepAliveHttp[]> connections;

    TransferClient(List<String> nodeUrls) {
        this.nodes = nodeUrls.stream().map(URI::create).toList();
        this.connections = ThreadLocal.withInitial(() -> nodes.stream()
                .map(node -> new KeepAliveHttp(node, REQUEST_TIMEOUT_MS)).toArray(KeepAliveHttp[]::new));
    }

    Answer transfer(String from, String to, long amount, String key) throws InterruptedException {
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
        int status = 0;
        String responseBody = "";
        boolean replayed = false;
        SameKeyRetry retry = SameKeyRetry.begin();
        for (; retry.mayAttempt(); retry.pause()) {
            KeepAliveHttp node = connections.get()[Math.floorMod(turn.getAndIncrement(), nodes.size())];
            try {
                KeepAliveHttp.Response response = node.post("/transfers", body, Map.of("Idempotency-Key", key));
                status = response.status();
                responseBody = response.body();
                replayed = response.headers().containsKey("idempotent-replayed");
            } catch (IOException lost) {
                status = 0; // no answer: the transfer may or may not have happened, so ask again
            }
            if (!SameKeyRetry.undecided(status)) {
                break;
            }
        }
        return new Answer(status, transferId(status, responseBody), replayed, retry.attempts() - 1);
    }

    private static String transferId(int status, String body) {
        if (status != 201) {
            return null;
        }
        Matcher id = ID.matcher(body);
        return id.find() ? id.group(1) : null;
    }
}
