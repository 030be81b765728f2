package dev.ledger.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.Json;
import dev.ledger.contract.LeaderRouting;
import dev.ledger.contract.ProblemType;
import dev.ledger.contract.SameKeyRetry;
import dev.ledger.load.MetricsText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service's public API as the cluster fault tests use it; one client, shared by all their threads. */
final class LedgerClient {

    static final int CREATED = 201;
    /** The workflow mode: a transfer across shards, accepted, its workflow to take it to its end. */
    static final int ACCEPTED = 202;
    static final String UNAVAILABLE = ProblemType.UNAVAILABLE.uri();
    static final String KEY_MISSING = ProblemType.IDEMPOTENCY_KEY_MISSING.uri();
    private static final int OK = 200;
    /** A paused node accepts connections but never answers: this is how long a client waits for it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int ENTRY_PAGE_SIZE = 500;
    /** Bounds the paging loop: far more entries than a test run writes to one account. */
    private static final int MAX_ENTRY_PAGES = 2_000;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    record TransferRequest(String idempotencyKey, String from, String to, long amount) {
    }

    /**
     * A node's answer to {@code POST /transfers}, with the transfer's id and status where it names a transfer. Definite
     * are 201 (committed) and a refusal that carries the recorded transfer: rejected (422 insufficient-funds; in the
     * workflow mode also 404 for a {@code from} its debit found missing) or compensated (the workflow mode: 404, the
     * credit found {@code to} missing, the debit undone). 202 is accepted: recorded, to be decided by its workflow. A
     * problem says why in its detail.
     */
    record TransferAnswer(int status, String problemType, String detail, String transferId, String transferStatus,
            boolean replayed) {

        boolean committed() {
            return status == CREATED;
        }

        boolean rejected() {
            return status >= 400 && "REJECTED".equals(transferStatus);
        }

        boolean compensated() {
            return status >= 400 && "COMPENSATED".equals(transferStatus);
        }

        boolean accepted() {
            return status == ACCEPTED;
        }

        boolean definite() {
            return committed() || rejected() || compensated();
        }

        /** Not decided yet: retry with the same Idempotency-Key. */
        boolean retryable() {
            return SameKeyRetry.undecided(status);
        }

        /** 503 unavailable: this request surely did nothing (unlike 503 outcome-unknown, or no answer at all). */
        boolean notApplied() {
            return status == 503 && UNAVAILABLE.equals(problemType);
        }
    }

    record Entry(long id, String transferId, long amount) {
    }

    /**
     * Throws IOException for anything without an HTTP answer: timeout, refused or reset connection. A request
     * without a key (null) is sent without the header.
     */
    TransferAnswer transfer(String nodeUrl, TransferRequest request) throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(
                Map.of("from", request.from(), "to", request.to(), "amount", request.amount()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(nodeUrl + "/transfers"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (request.idempotencyKey() != null) {
            builder.header("Idempotency-Key", request.idempotencyKey());
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
        JsonNode json = parse(response.body());
        if (response.statusCode() == CREATED || response.statusCode() == ACCEPTED) {
            return new TransferAnswer(response.statusCode(), null, null, json.path("id").asText(null),
                    json.path("status").asText(null), replayed);
        }
        // Errors are problem+json; a rejection's carries the recorded transfer.
        JsonNode transfer = json.path("transfer");
        return new TransferAnswer(response.statusCode(), json.path("type").asText(null),
                json.path("detail").asText(null), transfer.path("id").asText(null),
                transfer.path("status").asText(null), replayed);
    }

    /** A node's answer to a leader-aware client ({@code ?redirect}): its status, Location and Ledger-Leader. */
    record RoutingAnswer(int status, String location, String leader) {
    }

    /** {@code POST /transfers?redirect} to one node, without following a redirect. */
    RoutingAnswer transferLeaderAware(String nodeUrl, TransferRequest request)
            throws IOException, InterruptedException {
        return transferAt(URI.create(nodeUrl + "/transfers?" + LeaderRouting.REDIRECT_PARAM), request);
    }

    /** {@code POST} of the transfer to exactly this URL, without following a redirect. */
    RoutingAnswer transferAt(URI url, TransferRequest request) throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(
                Map.of("from", request.from(), "to", request.to(), "amount", request.amount()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Idempotency-Key", request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new RoutingAnswer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue(LeaderRouting.LEADER_HEADER).orElse(null));
    }

    void createAccount(String nodeUrl, String id, long initialBalance) throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(Map.of("id", id, "initialBalance", initialBalance));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nodeUrl + "/accounts"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != CREATED) {
            throw new IOException("creating account " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    long balance(String nodeUrl, String accountId) throws IOException, InterruptedException {
        return get(nodeUrl + "/accounts/" + accountId).path("balance").asLong();
    }

    /** Every entry of the account, oldest first. */
    List<Entry> entries(String nodeUrl, String accountId) throws IOException, InterruptedException {
        List<Entry> entries = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < MAX_ENTRY_PAGES; page++) {
            JsonNode json = get(nodeUrl + "/accounts/" + accountId + "/entries?limit=" + ENTRY_PAGE_SIZE
                    + "&after=" + after);
            for (JsonNode entry : json.path("entries")) {
                entries.add(new Entry(entry.path("id").asLong(), entry.path("transferId").asText(),
                        entry.path("amount").asLong()));
            }
            if (json.path("nextAfter").isNull() || json.path("nextAfter").isMissingNode()) {
                return entries;
            }
            after = json.path("nextAfter").asLong();
        }
        throw new IOException(accountId + " has more than " + MAX_ENTRY_PAGES + " pages of entries");
    }

    /** The transfer as the node shows it ({@code GET /transfers/{id}}): its status, and its reason if it has one. */
    JsonNode transferShown(String nodeUrl, String id) throws IOException, InterruptedException {
        return get(nodeUrl + "/transfers/" + id);
    }

    JsonNode audit(String nodeUrl) throws IOException, InterruptedException {
        return get(nodeUrl + "/ledger/audit");
    }

    /** A series of the node's metrics, as Prometheus names it (e.g. {@code ledger_transfers_total}). */
    long metric(String nodeUrl, String series) throws IOException, InterruptedException {
        String url = nodeUrl + "/q/metrics";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != OK) {
            throw new IOException("GET " + url + ": " + response.statusCode());
        }
        return MetricsText.value(response.body(), series)
                .orElseThrow(() -> new IOException(url + " has no series " + series));
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != OK) {
            throw new IOException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    /** Lenient, so that an odd error body is reported as its status rather than mistaken for a lost connection. */
    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException notJson) {
            return Json.MAPPER.missingNode();
        }
    }
}
