package dev.ledger.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Asks a node about itself over HTTP, with short timeouts so that a hung node cannot hang the CLI. */
final class NodeClient {

    static final int HTTP_OK = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** The HTTP status of {@code GET /q/health/ready}, or empty when the node does not answer. */
    OptionalInt readinessStatus(String nodeUrl) throws InterruptedException {
        try {
            return OptionalInt.of(get(nodeUrl + "/q/health/ready").statusCode());
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The node's {@code GET /cluster}, or empty when it does not answer with 200 and JSON. */
    Optional<ClusterInfo> clusterInfo(String nodeUrl) throws InterruptedException {
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

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
