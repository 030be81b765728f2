package dev.ledger.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How long the JIT compilers of each node have worked so far: {@code jvm_compilation_time_ms_total} from its
 * {@code /q/metrics}. A node whose compilers are busy is still being compiled, and a figure taken then measures that.
 */
public final class JitActivity {

    private static final String METRIC = "jvm_compilation_time_ms_total";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();

    /** Milliseconds compiled per node, in the order given; empty if any node does not tell. */
    public Optional<List<Long>> compileMillis(List<String> nodeUrls) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (String url : nodeUrls) {
            OptionalLong node = compileMillis(url);
            if (node.isEmpty()) {
                return Optional.empty();
            }
            millis.add(node.getAsLong());
        }
        return Optional.of(millis);
    }

    private OptionalLong compileMillis(String nodeUrl) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/q/metrics"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? MetricsText.value(response.body(), METRIC) : OptionalLong.empty();
        } catch (IOException unreachable) {
            return OptionalLong.empty();
        }
    }
}
