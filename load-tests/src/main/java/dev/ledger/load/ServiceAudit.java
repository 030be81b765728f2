package dev.ledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The service's own audit after a run ({@code GET /ledger/audit}), from the first node that answers. */
final class ServiceAudit {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceAudit() {
    }

    /** The audit; all false (not clean) when no node answered it. */
    static Summary.Audit of(List<String> urls) throws InterruptedException {
        for (String url : urls) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ledger/audit"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode audit = Json.MAPPER.readTree(response.body());
                    return new Summary.Audit(audit.path("ok").asBoolean(), ok(audit, "moneyConserved"),
                            ok(audit, "noNegative"), ok(audit, "entriesMatch"), ok(audit, "transfersBalanced"),
                            ok(audit, "keysOnce"));
                }
            } catch (IOException unreachable) {
                // next node
            }
        }
        return new Summary.Audit(false, false, false, false, false, false);
    }

    private static boolean ok(JsonNode audit, String invariant) {
        return audit.path(invariant).path("ok").asBoolean();
    }
}
