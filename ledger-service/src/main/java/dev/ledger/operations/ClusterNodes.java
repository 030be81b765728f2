package dev.ledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ClusterResponse;
import dev.ledger.config.LedgerConfig;
import dev.ledger.mode.TransferStrategy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every node the dashboard knows, and what each says about itself. The page asks one node, which asks the others
 * server-side: the browser then talks to one origin only (no CORS), and a dead or paused node costs one bounded
 * wait ({@code ledger.dashboard.node-timeout-ms}), the same for all of them since they are asked in parallel.
 * Known nodes: {@code ledger.dashboard.nodes} if set (the launcher sets it in every mode but raft); else the members
 * a mode with a leader knows at the time (raft: its group; zookeeper: this node and the leader it knows); else this
 * node alone.
 */
@ApplicationScoped
public class ClusterNodes {

    static final String NODE_PATH = "/dashboard/node";
    private static final int HTTP_OK = 200;

    @Inject
    LedgerConfig config;
    @Inject
    TransferStrategy strategy;
    @Inject
    TransferStats stats;
    @Inject
    RoleHistory roleHistory;
    @Inject
    ObjectMapper json;

    /** {@code ledger.dashboard.nodes}, parsed; empty if unset. */
    private List<KnownNode> configured;
    private Duration timeout;
    private HttpClient http;

    @PostConstruct
    void init() {
        configured = config.dashboard().nodes().map(KnownNode::parseAll).orElse(List.of());
        timeout = Duration.ofMillis(config.dashboard().nodeTimeoutMs());
        http = HttpClient.newBuilder()
                // HTTP/2 would first try an h2c upgrade: one more exchange for nothing on a LAN
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Parses the node list at start-up, so that a wrong ledger.dashboard.nodes stops the node with its message. */
    void validateAtStartup(@Observes StartupEvent startup) {
        configured.size();
    }

    /** This node, from memory: no HTTP, so it shows even when its own port is unreachable from itself. */
    public NodeState self() {
        return new NodeState(config.nodeId(), strategy.ready(), ClusterResponse.of(config.nodeId(), strategy),
                stats.now(), roleHistory.changes());
    }

    /**
     * Every known node, in configured order (this node first if it is not listed), asked in parallel; returns within
     * about one {@code node-timeout-ms}.
     *
     * @param selfUrl where this node was reached, for a node that is not in the list
     */
    public List<NodeView> all(URI selfUrl) {
        List<KnownNode> nodes = new ArrayList<>(known());
        if (nodes.stream().noneMatch(node -> node.id().equals(config.nodeId()))) {
            nodes.add(0, new KnownNode(config.nodeId(), selfUrl));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = nodes.stream()
                .map(node -> isSelf(node) ? null : ask(node))
                .toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NodeView> views = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            KnownNode node = nodes.get(i);
            views.add(isSelf(node) ? view(node, json.valueToTree(self()))
                    : await(node, answers.get(i), deadline));
        }
        return views;
    }

    private boolean isSelf(KnownNode node) {
        return node.id().equals(config.nodeId());
    }

    private CompletableFuture<HttpResponse<String>> ask(KnownNode node) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(NODE_PATH))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Reachable means: answered 200 with JSON in time. Anything else (refused, timed out, 404) shows unreachable. */
    private NodeView await(KnownNode node, CompletableFuture<HttpResponse<String>> answer, long deadlineNanos) {
        try {
            HttpResponse<String> response = answer.get(Math.max(0, deadlineNanos - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (response.statusCode() != HTTP_OK) {
                return NodeView.unreachable(node);
            }
            return view(node, json.readTree(response.body()));
        } catch (TimeoutException | ExecutionException | IOException unreachable) {
            answer.cancel(true);
            return NodeView.unreachable(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeView.unreachable(node);
        }
    }

    private static NodeView view(KnownNode node, JsonNode state) {
        return new NodeView(node.id(), node.url().toString(), true, state.path("ready").asBoolean(false),
                state.get("cluster"), state.get("stats"), state.get("roleChanges"));
    }

    private List<KnownNode> known() {
        if (!configured.isEmpty()) {
            return configured;
        }
        return strategy.leadership()
                .map(group -> group.members().stream().map(member -> new KnownNode(member.id(), member.httpUrl()))
                        .toList())
                .orElse(List.of());
    }
}
