package dev.ledger.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load driver's HTTP: one Vert.x event loop and a pool of keep-alive connections per node. Against a thread per
 * client on blocking sockets it takes about a quarter less CPU per request at the same no-op rate (31-38% against
 * 42-46% of a core, src/docs/benchmarks.md), and needs no thread per request in flight. Callbacks run on the event
 * loop: they must not block.
 */
final class EventLoopHttp implements AutoCloseable {

    /** An answer: status, whether it was an idempotent replay, where a redirect points (or null), and the body. */
    record Response(int status, boolean replayed, String location, String body) {
    }

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int CLOSE_TIMEOUT_SECONDS = 5;

    private final Vertx vertx;
    private final List<HttpClient> nodes;
    private final long requestTimeoutMs;

    /** @param connectionsPerNode at least the requests a caller keeps in flight per node, so none waits for one */
    EventLoopHttp(List<String> nodeUrls, int connectionsPerNode, long requestTimeoutMs) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        this.requestTimeoutMs = requestTimeoutMs;
        this.nodes = nodeUrls.stream().map(URI::create)
                .map(url -> vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(url.getHost()).setDefaultPort(url.getPort())
                        .setKeepAlive(true).setConnectTimeout(CONNECT_TIMEOUT_MS),
                        new PoolOptions().setHttp1MaxSize(connectionsPerNode)))
                .toList();
    }

    int nodeCount() {
        return nodes.size();
    }

    /** POSTs JSON to one node; fails (no answer) on a refused or reset connection or a timeout. */
    Future<Response> post(int node, String path, String body, Map<String, String> headers) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .setIdleTimeout(requestTimeoutMs)
                .putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        return nodes.get(node).request(request)
                .compose(sent -> sent.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> new Response(response.statusCode(),
                        response.getHeader("Idempotent-Replayed") != null, response.getHeader("Location"),
                        answer.toString())));
    }

    /** Runs {@code action} on the event loop after {@code delayMs}. */
    void later(long delayMs, Runnable action) {
        if (delayMs <= 0) {
            vertx.runOnContext(ignored -> action.run());
        } else {
            vertx.setTimer(delayMs, ignored -> action.run());
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the driver's event loop did not stop", e);
        }
    }
}
