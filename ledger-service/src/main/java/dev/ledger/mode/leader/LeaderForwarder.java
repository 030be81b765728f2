package dev.ledger.mode.leader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.contract.Mode;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.InvalidCommand;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.Leadership.Member;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Sends a follower's transfer to the leader's internal endpoint and brings back its result, so that a client can
 * write to any node. The command (id, time) was fixed here, so a retry of the forward proposes the same transfer.
 * The request is signed with the cluster secret (method, path, time, body): the leader proposes only what a member
 * of the cluster sent, recently. Each mode forwards to a path of its own, so a request signed for one mode's leader
 * is refused by another's.
 */
public class LeaderForwarder {

    /** Where a leader takes forwarded transfers, per mode: {@code /internal/raft/transfers} in raft mode. */
    public static final String PATH_TEMPLATE = "/internal/{mode}/transfers";

    /** How often a forward waiting for the leader's answer checks that this node still follows that leader. */
    private static final long FOLLOWING_CHECK_MS = 200;

    private final HttpClient http;
    private final ObjectMapper json;
    private final ClusterSecret secret;
    private final Duration timeout;
    private final String path;

    public LeaderForwarder(ObjectMapper json, ClusterSecret secret, Duration timeout, Mode mode) {
        this.json = json;
        this.secret = secret;
        this.timeout = timeout;
        this.path = path(mode);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Unavailable when the leader surely did not propose it (unreachable, or refused it before proposing);
     * OutcomeUnknown once the request may have reached a proposal (sent without an answer in time, or the leader did
     * not know the outcome either). A forward stops waiting as soon as this node no longer follows {@code leader}
     * (the election forgot it: cut off, paused or dead), instead of holding its client for the whole timeout.
     */
    public TransferResult forward(Member leader, TransferCommand command, BooleanSupplier stillFollowing) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(command);
        } catch (JsonProcessingException bug) {
            // Before anything is sent: not the leader's silence, which the IOException below stands for.
            throw new IllegalStateException("the command cannot be written as JSON", bug);
        }
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(leader.httpUrl().resolve(path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            secret.signatureHeaders("POST", path, body, System.currentTimeMillis()).forEach(request::header);
            response = await(leader, http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()),
                    stillFollowing);
        } catch (ConnectException | HttpConnectTimeoutException notConnected) {
            throw new Unavailable("could not reach the leader " + leader.id() + "; nothing was done, retry");
        } catch (IOException e) {
            throw new OutcomeUnknown("the leader " + leader.id() + " did not answer in time ("
                    + e.getClass().getSimpleName() + "); retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknown("interrupted while forwarding to the leader");
        }
        if (response.statusCode() == 200) {
            try {
                return json.readValue(response.body(), TransferResult.class);
            } catch (JsonProcessingException e) {
                throw new OutcomeUnknown("unreadable answer from the leader " + leader.id());
            }
        }
        JsonNode answer = problem(response.body());
        String problem = answer.path("type").asText("");
        if (problem.equals(ProblemType.INVALID_REQUEST.uri())) {
            throw new InvalidCommand("the leader " + leader.id() + " refused the command as invalid");
        }
        if (response.statusCode() < 500 || problem.equals(ProblemType.UNAVAILABLE.uri())) {
            // The leader's own words say why, e.g. that it has lost its connection to ZooKeeper.
            String why = answer.path("detail").asText("");
            throw new Unavailable("the leader " + leader.id() + " did not take the transfer ("
                    + response.statusCode() + " " + problem + (why.isEmpty() ? "" : ": " + why)
                    + "); nothing was done, retry");
        }
        throw new OutcomeUnknown("the leader " + leader.id() + " answered " + response.statusCode() + " "
                + problem + "; retry with the same Idempotency-Key");
    }

    private static HttpResponse<String> await(Member leader, CompletableFuture<HttpResponse<String>> sent,
            BooleanSupplier stillFollowing) throws IOException, InterruptedException {
        while (true) {
            try {
                return sent.get(FOLLOWING_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (!stillFollowing.getAsBoolean()) {
                    sent.cancel(true);
                    throw new OutcomeUnknown("lost contact with the leader " + leader.id() + " while it had the"
                            + " transfer; retry with the same Idempotency-Key");
                }
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException("forwarding to the leader " + leader.id() + " failed",
                        failed.getCause());
            }
        }
    }

    /** The path of {@link #PATH_TEMPLATE} for {@code mode}. */
    public static String path(Mode mode) {
        return PATH_TEMPLATE.replace("{mode}", mode.value());
    }

    /** The leader's problem+json answer; a missing node if it is none. */
    private JsonNode problem(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return json.missingNode();
        }
    }
}
