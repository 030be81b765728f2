package dev.ledger.cluster;

import dev.ledger.contract.ClusterInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** Asks a node about itself over HTTP, with short timeouts so that a hung node cannot hang the CLI. */
public final class NodeClient {

    public static final int HTTP_OK = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** The HTTP status of {@code GET /q/health/ready}, or empty when the node does not answer. */
    public OptionalInt readinessStatus(String nodeUrl) throws InterruptedException {
        try {
            return OptionalInt.of(get(nodeUrl + "/q/health/ready").statusCode());
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The node's {@code GET /cluster}, or empty when it does not answer with 200 and JSON. */
    public Optional<ClusterInfo> clusterInfo(String nodeUrl) throws InterruptedException {
        try {
            HttpResponse<String> response = get(nodeUrl + "/cluster");
            if (response.statusCode() != HTTP_OK) {
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.readValue(response.body(), ClusterInfo.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One node's claim to lead: the node, and what it said about the cluster. */
    public record LeaderClaim<T>(T node, ClusterInfo info) {
    }

    /**
     * Asks each candidate; of those that say they lead, the one with the highest term. A deposed leader that has
     * not yet heard of the new term may still claim to lead: the higher term is the current leader.
     */
    public <T> Optional<LeaderClaim<T>> leaderAmong(List<T> candidates, Function<T, String> nodeUrl)
            throws InterruptedException {
        List<LeaderClaim<T>> claims = new ArrayList<>();
        for (T candidate : candidates) {
            clusterInfo(nodeUrl.apply(candidate)).filter(ClusterInfo::leads)
                    .ifPresent(info -> claims.add(new LeaderClaim<>(candidate, info)));
        }
        return claims.stream().max(Comparator.comparing(claim -> Optional.ofNullable(claim.info().term()).orElse(0L)));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
