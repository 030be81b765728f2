package dev.ledger.mode.leader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.contract.Mode;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.InvalidRequest;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.Leadership.Member;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Sends a follower's transfer to the leader's internal endpoint and brings back its result, so that a client can
 * write to any node. The command (id, time) was fixed here, so a retry of the forward proposes the same transfer.
 * The request is signed with the cluster secret (method, path, time, body): the leader proposes only what a member
 * of the cluster sent, recently. Each mode forwards to a path of its own, so a request signed for one mode's leader
 * is refused by another's.
 *
 * <p>One path for both modes with a leader, on the Vert.x event loop that already serves the node's API: a pool of
 * kept-alive HTTP/1.1 connections to the leader, no thread of its own and none waiting for the answer. (The JDK's
 * HttpClient it replaces ran HTTP/2 with threads of its own, and a worker parked on every forward.)
 */
public class LeaderForwarder {

    /** Where a leader takes forwarded transfers, per mode: {@code /internal/raft/transfers} in raft mode. */
    public static final String PATH_TEMPLATE = "/internal/{mode}/transfers";

    /** How often a forward waiting for the leader's answer checks that this node still follows that leader. */
    private static final long FOLLOWING_CHECK_MS = 200;
    /**
     * A forward stops waiting once the leader has answered none of this node's forwards for this long while it
     * waited: a leader this node cannot reach though the election still names it (zookeeper: its peers cut off, its
     * session intact), or one frozen. Far above a busy leader's answers (milliseconds to a few hundred), below a
     * client's patience, so the client hears 503 and retries instead of timing out.
     */
    static final long SILENT_LEADER_MS = 2_000;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** Connections per leader: a follower forwards what its clients send, a few hundred at once at most. */
    private static final int CONNECTIONS_MAX = 256;

    private final Vertx vertx;
    private final HttpClient http;
    private final ObjectMapper json;
    private final ClusterSecret secret;
    private final Duration timeout;
    private final String path;
    /** Per leader id, when it last answered a forward of this node ({@link System#nanoTime()}). */
    private final Map<String, Long> lastAnswered = new ConcurrentHashMap<>();

    public LeaderForwarder(Vertx vertx, ObjectMapper json, ClusterSecret secret, Duration timeout, Mode mode) {
        this.vertx = vertx;
        this.json = json;
        this.secret = secret;
        this.timeout = timeout;
        this.path = path(mode);
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(CONNECT_TIMEOUT_MS), new PoolOptions().setHttp1MaxSize(CONNECTIONS_MAX));
    }

    /**
     * Unavailable when the leader surely did not propose it (unreachable, or refused it before proposing);
     * OutcomeUnknown once the request may have reached a proposal (sent without an answer in time, or the leader did
     * not know the outcome either). A forward stops waiting as soon as this node no longer follows {@code leader}
     * (the election forgot it: cut off, paused or dead), or once the leader has been silent for
     * {@link #SILENT_LEADER_MS}, instead of holding its client for the whole timeout.
     */
    public CompletableFuture<TransferResult> forward(Member leader, TransferCommand command,
            BooleanSupplier stillFollowing) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(command);
        } catch (JsonProcessingException bug) {
            // Before anything is sent: not the leader's silence, which a failed send stands for.
            throw new IllegalStateException("the command cannot be written as JSON", bug);
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(leader.httpUrl().resolve(path).toString())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json");
        secret.signatureHeaders("POST", path, body, System.currentTimeMillis()).forEach(request::putHeader);
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        http.request(request).onComplete(connected -> {
            if (connected.failed()) {
                answer.completeExceptionally(new Unavailable("could not reach the leader " + leader.id()
                        + "; nothing was done, retry"));
                return;
            }
            send(connected.result(), body, leader, stillFollowing, answer);
        });
        return answer;
    }

    /** Once connected: from here on the leader may have proposed it, so no answer is an unknown outcome. */
    private void send(HttpClientRequest request, byte[] body, Member leader, BooleanSupplier stillFollowing,
            CompletableFuture<TransferResult> answer) {
        long sentAt = System.nanoTime();
        long watch = vertx.setPeriodic(FOLLOWING_CHECK_MS, timer -> {
            Optional<String> lost = answer.isDone() ? Optional.empty() : contactLost(leader, stillFollowing, sentAt);
            lost.ifPresent(why -> {
                answer.completeExceptionally(new OutcomeUnknown(why
                        + " while it had the transfer; retry with the same Idempotency-Key"));
                request.reset();
            });
        });
        request.send(Buffer.buffer(body))
                .compose(response -> response.body().map(reply -> new Reply(response.statusCode(), reply)))
                .onComplete(replied -> {
                    vertx.cancelTimer(watch);
                    if (replied.failed()) {
                        answer.completeExceptionally(new OutcomeUnknown("the leader " + leader.id()
                                + " did not answer in time (" + replied.cause().getClass().getSimpleName()
                                + "); retry with the same Idempotency-Key"));
                        return;
                    }
                    lastAnswered.put(leader.id(), System.nanoTime());
                    try {
                        answer.complete(result(leader, replied.result()));
                    } catch (RuntimeException failure) {
                        answer.completeExceptionally(failure);
                    }
                });
    }

    /** Why a forward to {@code leader}, sent at {@code sentAt}, should stop waiting; empty while it should not. */
    private Optional<String> contactLost(Member leader, BooleanSupplier stillFollowing, long sentAt) {
        if (!stillFollowing.getAsBoolean()) {
            return Optional.of("lost contact with the leader " + leader.id());
        }
        long heardAt = Math.max(sentAt, lastAnswered.getOrDefault(leader.id(), sentAt));
        long silentMs = (System.nanoTime() - heardAt) / 1_000_000;
        return silentMs < SILENT_LEADER_MS ? Optional.empty()
                : Optional.of("the leader " + leader.id() + " has answered nothing for " + silentMs + " ms");
    }

    private record Reply(int status, Buffer body) {
    }

    /** The leader's result, or the failure its answer stands for. */
    private TransferResult result(Member leader, Reply reply) {
        if (reply.status() == 200) {
            try {
                return json.readValue(reply.body().getBytes(), TransferResult.class);
            } catch (IOException e) {
                throw new OutcomeUnknown("unreadable answer from the leader " + leader.id());
            }
        }
        JsonNode answer = problem(reply.body());
        String problem = answer.path("type").asText("");
        if (problem.equals(ProblemType.INVALID_REQUEST.uri())) {
            throw new InvalidRequest("the leader " + leader.id() + " refused the command as invalid");
        }
        if (reply.status() < 500 || problem.equals(ProblemType.UNAVAILABLE.uri())) {
            // The leader's own words say why, e.g. that it has lost its connection to ZooKeeper.
            String why = answer.path("detail").asText("");
            throw new Unavailable("the leader " + leader.id() + " did not take the transfer ("
                    + reply.status() + " " + problem + (why.isEmpty() ? "" : ": " + why)
                    + "); nothing was done, retry");
        }
        throw new OutcomeUnknown("the leader " + leader.id() + " answered " + reply.status() + " "
                + problem + "; retry with the same Idempotency-Key");
    }

    /** The path of {@link #PATH_TEMPLATE} for {@code mode}. */
    public static String path(Mode mode) {
        return PATH_TEMPLATE.replace("{mode}", mode.value());
    }

    /** The leader's problem+json answer; a missing node if it is none. */
    private JsonNode problem(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (IOException notJson) {
            return json.missingNode();
        }
    }
}
