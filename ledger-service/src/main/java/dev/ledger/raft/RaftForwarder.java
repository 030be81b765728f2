package dev.ledger.raft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.security.ClusterSecret;
import dev.ledger.strategy.Unavailable;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a follower's transfer to the leader's internal endpoint and brings back its result, so that a client can
 * write to any node. The command (id, time) was fixed here, so a retry of the forward proposes the same transfer.
 * The body is signed with the cluster secret: the leader proposes only what a member of the cluster sent.
 */
public class RaftForwarder {

    public static final String PATH = "/internal/raft/transfers";

    private final HttpClient http;
    private final ObjectMapper json;
    private final ClusterSecret secret;
    private final Duration timeout;

    public RaftForwarder(ObjectMapper json, ClusterSecret secret, Duration timeout) {
        this.json = json;
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public TransferResult forward(RaftPeer leader, TransferCommand command) {
        HttpResponse<String> response;
        try {
            byte[] body = json.writeValueAsBytes(command);
            HttpRequest request = HttpRequest.newBuilder(leader.httpUrl().resolve(PATH))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(ClusterSecret.SIGNATURE_HEADER, secret.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("could not reach the raft leader " + leader.id()
                    + "; retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while forwarding to the raft leader");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("the raft leader " + leader.id() + " answered " + response.statusCode()
                    + "; retry with the same Idempotency-Key");
        }
        try {
            return json.readValue(response.body(), TransferResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer from the raft leader", e);
        }
    }

}
