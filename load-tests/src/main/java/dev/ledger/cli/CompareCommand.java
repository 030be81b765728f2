package dev.ledger.cli;

import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.load.Comparison;
import dev.ledger.load.ComparisonPlan;
import dev.ledger.load.ReportWriter;
import dev.ledger.load.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./ledger compare}: the {@link Comparison} its options plan, then the table, {@code reports/<stamp>/} and
 * last the verdict as one JSON line ({@link CompareVerdict}).
 */
@Command(name = "compare", sortOptions = false, description = {
        "The comparison: each mode on a fresh cluster, warmed once, then in each regime each scenario, the audit after"
                + " each run.",
        "A mode with a leader runs with leader-aware clients, and uniform also with clients on every node (followers"
                + " forward). Each run's CPU per committed transfer is measured by process group from /proc.",
        "Prints the verdict (which mode commits most in each regime and scenario, by how much) and the table, writes"
                + " reports/<stamp>/, and ends with one JSON line. The default run takes about 20 minutes; --quick"
                + " about 6.",
        "Exits 1 when an audit was not clean, a replay differed, or the relay's round trip was not the one set."})
public final class CompareCommand implements Callable<Integer> {

    private final LedgerHome home;

    @Mixin
    private CompareOptions options;
    @Spec
    private CommandSpec spec;

    public CompareCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ComparisonPlan plan = options.plan(spec.commandLine().getParseResult());
        String stamp = stamp();
        Path reportDir = home.reportsDir().resolve(stamp);
        Summary summary = new Comparison(home, plan, System.out).run(reportDir, stamp, gitSha(home));
        ReportWriter.write(reportDir, summary);
        System.out.println();
        System.out.print(ReportWriter.table(summary));
        System.out.println("\nreport: " + home.display(reportDir.resolve("report.html")) + " (open it in a browser);"
                + " beside it summary.json, timeseries.csv, report.md and chart.svg");
        CompareVerdict verdict = CompareVerdict.of(home.display(reportDir), summary);
        System.out.println(Json.oneLine(verdict));
        return verdict.ok() ? LedgerCli.EXIT_OK : LedgerCli.EXIT_FAILED;
    }

    /** A report's name: when it started, in UTC. */
    static String stamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    static String gitSha(LedgerHome home) throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(home.root().toFile())
                    .redirectErrorStream(true).start();
            String sha = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? sha : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
