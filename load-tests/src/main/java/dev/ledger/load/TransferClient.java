package dev.ledger.load;

import dev.ledger.contract.SameKeyRetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends transfers to the nodes in turn, as a Kubernetes Service spreads requests, and resolves every unknown
 * outcome the way a careful client does ({@link SameKeyRetry}): the same request, same key, on the next node.
 * Asynchronous: a transfer is a chain of callbacks on the driver's event loop, retries are timers.
 */
final class TransferClient implements AutoCloseable {

    /** The final answer to one transfer: its HTTP status (0 if none came), its transfer id, replayed or not. */
    record Answer(int status, String transferId, boolean replayed, int retries) {
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int REQUEST_TIMEOUT_MS = 15_000;

    private final EventLoopHttp http;
    private final AtomicInteger turn = new AtomicInteger();

    /** @param inFlightMax the most transfers the caller keeps in flight at once */
    TransferClient(List<String> nodeUrls, int inFlightMax) {
        this.http = new EventLoopHttp(nodeUrls, inFlightMax, REQUEST_TIMEOUT_MS);
    }

    CompletableFuture<Answer> transfer(String from, String to, long amount, String key) {
        String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        attempt(body, key, SameKeyRetry.begin(), null, answer);
        return answer;
    }

    /** Runs {@code action} on the driver's event loop, where every answer's callback runs too. */
    void onEventLoop(Runnable action) {
        http.later(0, action);
    }

    private void attempt(String body, String key, SameKeyRetry retry, Answer last, CompletableFuture<Answer> done) {
        if (!retry.mayAttempt()) {
            done.complete(last);
            return;
        }
        int node = Math.floorMod(turn.getAndIncrement(), http.nodeCount());
        http.post(node, "/transfers", body, Map.of("Idempotency-Key", key)).onComplete(result -> {
            // No answer: the transfer may or may not have happened, so ask again.
            EventLoopHttp.Response response = result.succeeded() ? result.result() : null;
            int status = response == null ? 0 : response.status();
            Answer answer = new Answer(status, transferId(status, response), response != null && response.replayed(),
                    retry.attempts() - 1);
            if (SameKeyRetry.undecided(status)) {
                http.later(retry.pauseMillis(), () -> attempt(body, key, retry, answer, done));
            } else {
                done.complete(answer);
            }
        });
    }

    private static String transferId(int status, EventLoopHttp.Response response) {
        if (status != 201) {
            return null;
        }
        Matcher id = ID.matcher(response.body());
        return id.find() ? id.group(1) : null;
    }

    @Override
    public void close() throws InterruptedException {
        http.close();
    }
}
