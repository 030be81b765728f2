package dev.ledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.Json;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./ledger load}: the comparison's driver against nodes it did not start (a local {@code ./ledger up}, or a
 * Kubernetes install reached through a port-forward): its own accounts opened through the API, an optional warm-up,
 * each scenario in turn with the service's audit after it, and the same summary as a comparison's (one mode, in the
 * regime {@value #REGIME}; no CPU figures, since the processes may not be on this machine).
 */
public final class ExternalLoad {

    /** The regime a run against someone else's cluster is in: whatever that cluster is. */
    static final String REGIME = "external";
    private static final long OPENING_BALANCE = 1_000_000;
    private static final long MAX_AMOUNT = 10_000;

    /**
     * What to run: {@code routing} leader-aware only where the nodes' own URLs (which a redirect names) are the ones
     * given; {@code clients} closed model's clients, the open model's most in flight.
     */
    public record Plan(List<String> urls, List<Scenario> scenarios, Routing routing, Duration duration,
            Duration warmup, LoadRun.Model model, int ratePerSec, int clients, int accounts, long seed) {
    }

    private final Plan plan;
    private final PrintStream out;

    public ExternalLoad(Plan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    /** Runs the plan; the accounts are named after {@code stamp}, so that runs against one cluster never meet. */
    public Summary run(String stamp, String gitSha) throws IOException, InterruptedException {
        Mode mode = mode(plan.urls());
        String prefix = "load-" + stamp + "-";
        out.printf("== %s cluster at %s: opening %d accounts (%s0..)%n", mode.value(), String.join(", ", plan.urls()),
                plan.accounts(), prefix);
        ApiAccounts.open(plan.urls(), prefix, plan.accounts(), OPENING_BALANCE);
        if (!plan.warmup().isZero()) {
            out.printf("== warm-up: %ds%n", plan.warmup().toSeconds());
            new LoadRun(settings(Scenario.UNIFORM, plan.warmup(), prefix), plan.urls(), plan.urls())
                    .run(null, mode.value() + " warm-up", out);
        }
        List<Summary.Run> runs = new ArrayList<>();
        for (Scenario scenario : plan.scenarios()) {
            out.printf("== %s %s (%s)%n", mode.value(), scenario.value(), plan.routing().label());
            var settings = settings(scenario, plan.duration(), prefix);
            RunStats stats = new LoadRun(settings, plan.urls(), plan.urls()).run(null,
                    mode.value() + " " + scenario.value(), out);
            runs.add(Runs.summarize(mode.value(), REGIME, settings, stats, null, ServiceAudit.of(plan.urls())));
        }
        var environment = new Summary.Environment(Runtime.getRuntime().availableProcessors(), gitSha, "unknown",
                true, plan.urls().size(), plan.accounts(), plan.seed(), plan.clients(), stamp, null);
        return Summary.of(environment, List.of(), List.of(), runs, List.of());
    }

    private LoadRun.Settings settings(Scenario scenario, Duration duration, String prefix) {
        return new LoadRun.Settings(scenario, plan.model(), plan.routing(), duration, plan.ratePerSec(), plan.clients(),
                prefix, plan.accounts(), MAX_AMOUNT, plan.seed());
    }

    /** The mode the first node that answers {@code GET /cluster} runs. */
    private static Mode mode(List<String> urls) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        IOException last = null;
        for (String url : urls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/cluster"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode cluster = Json.MAPPER.readTree(response.body());
                if (response.statusCode() == 200 && cluster.hasNonNull("mode")) {
                    return Mode.fromValue(cluster.path("mode").asText());
                }
                last = new IOException(url + "/cluster answered " + response.statusCode());
            } catch (IOException e) {
                last = new IOException(url + ": " + e.getMessage(), e);
            }
        }
        throw new IOException("no node told its mode (GET /cluster): " + (last == null ? "" : last.getMessage()),
                last);
    }
}
