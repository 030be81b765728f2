package dev.ledger.cli;

import dev.ledger.cli.Converters.ScenarioConverter;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.load.ExternalLoad;
import dev.ledger.load.ReportText;
import dev.ledger.load.ReportWriter;
import dev.ledger.load.Routing;
import dev.ledger.load.Scenario;
import dev.ledger.load.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./ledger load}: the comparison's driver and report against a cluster it did not start. */
@Command(name = "load", sortOptions = false, description = {
        "Load a running cluster with the comparison's driver: a local ./ledger up, or a Kubernetes install reached"
                + " through a port-forward. It opens its own accounts through the API, runs each scenario, audits"
                + " after each, and writes the same report as compare (no CPU figures: the processes may be"
                + " elsewhere).",
        "Prints the table, writes reports/<stamp>/, and ends with one JSON line. Exits 1 when an audit was not clean"
                + " or a replay differed."})
public final class LoadCommand implements Callable<Integer> {

    private final LedgerHome home;

    @Option(names = "--urls", required = true, split = ",", paramLabel = "URL",
            description = "The nodes' base URLs, comma-separated (one for a Kubernetes Service).")
    private List<String> urls;
    @Option(names = "--scenarios", split = ",", paramLabel = "SCENARIO", converter = ScenarioConverter.class,
            defaultValue = "uniform", description = "As compare's; failover here is uniform while you kill a node"
                    + " yourself (default: ${DEFAULT-VALUE}).")
    private List<Scenario> scenarios;
    @Option(names = "--routing", paramLabel = "ROUTING", defaultValue = "any", description = "any: every node in"
            + " turn, as a Service spreads requests; leader: leader-aware (a follower's 307), only where the nodes'"
            + " own URLs are the ones given, as with ./ledger up (default: ${DEFAULT-VALUE}).")
    private String routing;
    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, defaultValue = "30s",
            description = "Each run; its first fifth brings the load to its level, the rest is measured (default:"
                    + " ${DEFAULT-VALUE}).")
    private Duration duration;
    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class, defaultValue = "1m",
            description = "Uniform load first, not measured (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Mixin
    private DriverOptions driver;

    public LoadCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Routing routes = switch (routing) {
            case "any" -> Routing.ANY;
            case "leader" -> Routing.LEADER;
            default -> throw new UsageException("--routing must be any or leader, not " + routing);
        };
        driver.validate();
        List<String> nodes = urls.stream().map(url -> url.trim().replaceAll("/+$", "")).toList();
        String stamp = CompareCommand.stamp();
        Summary summary = new ExternalLoad(new ExternalLoad.Plan(nodes, scenarios, routes, duration, warmup,
                driver.model, driver.ratePerSec, driver.clients, driver.accounts, driver.seed), System.out)
                .run(stamp, CompareCommand.gitSha(home));
        Path reportDir = home.reportsDir().resolve(stamp);
        ReportWriter.write(reportDir, summary);
        System.out.println();
        System.out.print(ReportWriter.table(summary));
        ReportText.rateLimited(summary).ifPresent(note -> System.out.println("\n" + note));
        System.out.println("\nreport: " + home.display(reportDir.resolve("report.html")));
        CompareVerdict verdict = CompareVerdict.of(home.display(reportDir), summary);
        System.out.println(Json.oneLine(verdict));
        return verdict.ok() ? LedgerCli.EXIT_OK : LedgerCli.EXIT_FAILED;
    }
}
