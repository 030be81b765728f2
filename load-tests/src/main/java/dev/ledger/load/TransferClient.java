package dev.ledger.load;

import dev.ledger.contract.LeaderRouting;
import dev.ledger.contract.SameKeyRetry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends transfers to the nodes in turn, as a Kubernetes Service spreads requests, or ({@link Routing#LEADER}) to the
 * node it believes leads, following a follower's 307 to the leader; and resolves every unknown outcome the way a
 * careful client does ({@link SameKeyRetry}): the same request, same key, on the next node. Asynchronous: a transfer
 * is a chain of callbacks on the driver's event loop, retries are timers.
 */
final class TransferClient implements AutoCloseable {

    /** The final answer to one transfer: its HTTP status (0 if none came), its transfer id, replayed or not. */
    record Answer(int status, String transferId, boolean replayed, int retries) {
    }

    private static final int TEMPORARY_REDIRECT = 307;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int REQUEST_TIMEOUT_MS = 15_000;
    private static final String LEADER_PATH = "/transfers?" + LeaderRouting.REDIRECT_PARAM;
    /** A redirect that leads on to another is a leadership moving meanwhile: a few are followed, not a loop. */
    private static final int REDIRECTS_MAX = 3;

    private final EventLoopHttp http;
    private final List<URI> nodes;
    /** Per node, the base URL it names itself by as the leader (behind a relay, not the one clients use). */
    private final List<URI> advertised;
    private final Routing routing;
    private final AtomicInteger turn = new AtomicInteger();
    /** Leader-aware: the node believed to lead, learnt from redirects; the next one after a failed attempt. */
    private final AtomicInteger leader = new AtomicInteger();

    /** @param inFlightMax the most transfers the caller keeps in flight at once */
    TransferClient(List<String> nodeUrls, List<String> advertisedUrls, int inFlightMax, Routing routing) {
        this.http = new EventLoopHttp(nodeUrls, inFlightMax, REQUEST_TIMEOUT_MS);
        this.nodes = nodeUrls.stream().map(URI::create).toList();
        this.advertised = advertisedUrls.stream().map(URI::create).toList();
        this.routing = routing;
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
        int node = routing == Routing.LEADER ? leader.get() : Math.floorMod(turn.getAndIncrement(), nodes.size());
        send(node, body, key, retry, 0, done);
    }

    private void send(int node, String body, String key, SameKeyRetry retry, int redirects,
            CompletableFuture<Answer> done) {
        String path = routing == Routing.LEADER ? LEADER_PATH : "/transfers";
        http.post(node, path, body, Map.of("Idempotency-Key", key)).onComplete(result -> {
            // No answer: the transfer may or may not have happened, so ask again.
            EventLoopHttp.Response response = result.succeeded() ? result.result() : null;
            int status = response == null ? 0 : response.status();
            if (status == TEMPORARY_REDIRECT && redirects < REDIRECTS_MAX) {
                // Nothing was done: the same attempt goes on at the leader.
                int target = nodeOf(response.location()).orElse((node + 1) % nodes.size());
                leader.set(target);
                send(target, body, key, retry, redirects + 1, done);
                return;
            }
            Answer answer = new Answer(status, transferId(status, response), response != null && response.replayed(),
                    retry.attempts() - 1);
            if (SameKeyRetry.undecided(status) || status == TEMPORARY_REDIRECT) {
                leader.compareAndSet(node, (node + 1) % nodes.size());
                http.later(retry.pauseMillis(), () -> attempt(body, key, retry, answer, done));
            } else {
                done.complete(answer);
            }
        });
    }

    /** The node whose advertised base URL a redirect's Location starts with. */
    private OptionalInt nodeOf(String location) {
        if (location == null) {
            return OptionalInt.empty();
        }
        URI target = URI.create(location);
        for (int node = 0; node < advertised.size(); node++) {
            URI base = advertised.get(node);
            if (base.getHost().equals(target.getHost()) && base.getPort() == target.getPort()) {
                return OptionalInt.of(node);
            }
        }
        return OptionalInt.empty();
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
