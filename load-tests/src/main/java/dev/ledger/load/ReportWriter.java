package dev.ledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ledger.contract.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a comparison's summary.json, report.md (the table), chart.svg (committed/s and p99 per mode), report.html
 * (all of it and every run second by second, in one file: {@link HtmlReport}) and timeseries.csv (the seconds).
 */
public final class ReportWriter {

    private static final String[] MODE_COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
            "#b07aa1", "#9c755f"};

    private ReportWriter() {
    }

    public static void write(Path dir, Summary summary) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("report.md"), markdown(summary));
        Files.writeString(dir.resolve("chart.svg"), chart(summary));
        Files.writeString(dir.resolve("report.html"), HtmlReport.of(summary));
        Files.writeString(dir.resolve("timeseries.csv"), timeseries(summary));
    }

    /** Every run second by second, one row per second: what report.html draws, for a spreadsheet or a script. */
    static String timeseries(Summary summary) {
        StringBuilder csv = new StringBuilder("mode,scenario,second,committed,p99_ms,errors\n");
        for (Summary.Run run : summary.runs()) {
            for (Summary.Second second : run.seconds()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.1f,%d%n", run.mode(), run.scenario(),
                        second.second(), second.committed(), second.p99Ms(), second.errors()));
            }
        }
        return csv.toString();
    }

    /** The table printed to the terminal and written into report.md. */
    public static String table(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append("| mode | scenario | model | committed/s | rejected/s | p50 ms | p95 ms | p99 ms | max ms "
                + "| errors | conflicts | retries | gap ms | cpu ms/transfer | driver cpu % | load | steal % "
                + "| audit |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Summary.Run r : summary.runs()) {
            String errors = r.errorsByStatus().isEmpty() ? "-" : r.errorsByStatus().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %s | %d | %d | %d | %s | %.0f | %s "
                    + "| %s | %s |%n", r.label(), r.scenario(), r.model(), r.committedPerSec(), r.rejectedPerSec(),
                    r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), errors, r.conflicts(), r.retries(),
                    r.unavailabilityMs(), cpu(r), r.driverCpuPercent(),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().loadAverage()),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().stealPercent()),
                    r.audit().ok() && r.replayMismatches() == 0 ? "clean" : "FAILED"));
        }
        cpuTable(summary).ifPresent(out::append);
        out.append("\n| baseline | per second |\n|---|---:|\n");
        for (Summary.Baseline b : summary.baselines()) {
            double value = b.committedPerSec() != null ? b.committedPerSec() : b.requestsPerSec();
            out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", b.name(), value));
        }
        warmups(summary).ifPresent(out::append);
        headroom(summary).ifPresent(times -> out.append(String.format(Locale.ROOT, "%nDriver headroom: its no-op "
                + "ceiling (http-noop) is %.1fx the best committed/s above; below 5x, a figure may be the "
                + "driver's limit rather than the mode's.%n", times)));
        List<Ratio> ratios = ratios(summary);
        if (!ratios.isEmpty()) {
            out.append("\n| ratio | measured | goal |\n|---|---:|---|\n");
            ratios.forEach(r -> out.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", r.what(), r.value(),
                    r.goal())));
        }
        return out.toString();
    }

    /**
     * What each mode costs against the database doing its work, and what a single writer (raft's, or zookeeper's
     * elected one) buys on hot accounts: each figure beside the goal it is held to (issue 12; the zookeeper mode is
     * held to raft's). Only ratios whose runs were measured.
     */
    static List<Ratio> ratios(Summary summary) {
        List<Ratio> lines = new ArrayList<>();
        for (ModeStatements statements : ModeStatements.values()) {
            run(summary, statements.mode().value(), "uniform").ifPresent(run -> baseline(summary,
                    statements.baselineName()).ifPresent(ceiling -> lines.add(new Ratio(run.mode() + " uniform / "
                    + statements.baselineName(), run.committedPerSec() / ceiling, "at least 0.5x"))));
        }
        for (Mode singleWriter : List.of(Mode.RAFT, Mode.ZOOKEEPER)) {
            String mode = singleWriter.value();
            run(summary, mode, "uniform").ifPresent(writer -> baseline(summary,
                    ModeStatements.PESSIMISTIC.baselineName()).ifPresent(ceiling -> lines.add(new Ratio(mode
                    + " uniform / " + ModeStatements.PESSIMISTIC.baselineName(), writer.committedPerSec() / ceiling,
                    "at least 1.5x"))));
            run(summary, mode, "hot").ifPresent(writer -> run(summary, Mode.PESSIMISTIC.value(), "hot")
                    .ifPresent(rowLocks -> {
                        lines.add(new Ratio(mode + " hot / pessimistic hot",
                                writer.committedPerSec() / rowLocks.committedPerSec(), "at least 5x"));
                        lines.add(new Ratio(mode + " hot p99 / pessimistic hot p99",
                                writer.p99Ms() / rowLocks.p99Ms(), "below 1x"));
                    }));
        }
        return lines;
    }

    /** The mode's run of the scenario; in a leader mode, the one with leader-aware clients. */
    private static Optional<Summary.Run> run(Summary summary, String mode, String scenario) {
        return summary.runs().stream().filter(r -> r.label().equals(mode) && r.scenario().equals(scenario))
                .findFirst();
    }

    /** The system under test's CPU per committed transfer, or "-" where it was not measured. */
    static String cpu(Summary.Run run) {
        return run.cpuMsPerTransfer() == null ? "-" : String.format(Locale.ROOT, "%.3f", run.cpuMsPerTransfer());
    }

    /**
     * CPU per committed transfer by process group, in ms (the JIT compilers apart): what each strategy costs, the
     * figure that holds on a noisy machine where committed/s moves 20-40% between runs.
     */
    static Optional<String> cpuTable(Summary summary) {
        List<String> groups = summary.runs().stream().flatMap(r -> r.cpu().stream()).map(Summary.Cpu::group)
                .distinct().toList();
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("\nCPU per committed transfer, ms, by process group (cores busy on"
                + " average in brackets; JIT compilers left out, their share last):\n\n| mode | scenario | ");
        out.append(String.join(" | ", groups)).append(" | system under test | jit |\n|---|---|");
        out.append("---:|".repeat(groups.size() + 2)).append('\n');
        for (Summary.Run r : summary.runs()) {
            if (r.cpu().isEmpty()) {
                continue;
            }
            out.append("| ").append(r.label()).append(" | ").append(r.scenario()).append(" | ");
            for (String group : groups) {
                out.append(r.cpu().stream().filter(c -> c.group().equals(group)).findFirst()
                        .map(c -> String.format(Locale.ROOT, "%.3f (%.2f)", c.msPerTransfer(), c.cores()))
                        .orElse("-")).append(" | ");
            }
            out.append(cpu(r)).append(" | ").append(String.format(Locale.ROOT, "%.3f",
                    r.cpu().stream().mapToDouble(Summary.Cpu::jitMsPerTransfer).sum())).append(" |\n");
        }
        return Optional.of(out.toString());
    }

    private static Optional<Double> baseline(Summary summary, String name) {
        return summary.baselines().stream().filter(b -> b.name().equals(name) && b.committedPerSec() != null)
                .map(Summary.Baseline::committedPerSec).filter(v -> v > 0).findFirst();
    }

    /** A measured ratio beside the goal it is held to. */
    record Ratio(String what, double value, String goal) {
    }

    /** How long each mode was warmed up, and whether its compilers were quiet by then. */
    static Optional<String> warmups(Summary summary) {
        if (summary.warmups().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(summary.warmups().stream()
                .map(w -> String.format(Locale.ROOT, "%s %.0f s%s", w.mode(), w.seconds(),
                        w.compilersQuiet() ? "" : " (compilers still busy: its figures may be understated)"))
                .collect(Collectors.joining(", ", "\nWarm-up, until every node's JIT compilers were quiet: ",
                        ".\n")));
    }

    /** The driver's no-op ceiling over the best committed/s of any run: how far the instrument is from its limit. */
    static Optional<Double> headroom(Summary summary) {
        Optional<Double> noop = summary.baselines().stream().map(Summary.Baseline::requestsPerSec)
                .filter(Objects::nonNull).findFirst();
        double best = summary.runs().stream().mapToDouble(Summary.Run::committedPerSec).max().orElse(0);
        return best > 0 ? noop.map(ceiling -> ceiling / best) : Optional.empty();
    }

    private static String markdown(Summary summary) {
        Summary.Environment env = summary.environment();
        return "# Ledger comparison " + env.startedAt() + "\n\n"
                + table(summary) + "\n"
                + "![committed/s and p99 per mode](chart.svg)\n\n"
                + "## Environment\n\n"
                + String.format(Locale.ROOT, "- %d CPUs, git %s, PostgreSQL %s, %d nodes per mode, %d accounts, "
                        + "seed %d, %d clients%n", env.cpus(), env.gitSha(), env.pgVersion(), env.nodes(),
                        env.accounts(), env.seed(), env.clients())
                + machineBefore(env.machineBefore())
                + String.format(Locale.ROOT, "- Durability of these figures: PostgreSQL fsync=%s, "
                        + "synchronous_commit=%s; raft log sync=%s.%n", env.pgFsync(), env.pgSynchronousCommit(),
                        env.raftLogSync())
                + ("on".equals(env.pgFsync()) ? "- Durable profile: every commit is synced to disk, so these "
                        + "figures include what a sync costs on this machine's disk.\n"
                        : "- PostgreSQL did not sync to disk: compare modes with each other, not with a durable "
                        + "system. For durable figures: `./ledger compare --durable`, or a real server "
                        + "(`QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://host/db QUARKUS_DATASOURCE_USERNAME=… "
                        + "QUARKUS_DATASOURCE_PASSWORD=… ./ledger compare`; each mode then starts on that database "
                        + "as it is, so use an empty one).\n")
                + "- Columns: latency is from the intended start of a transfer to its final answer, retries "
                + "included; `gap ms` is the longest time without a committed answer (the failover's write "
                + "gap); `cpu ms/transfer` is the CPU the system under test (service nodes, PostgreSQL, ZooKeeper;"
                + " from /proc, JIT compilers left out) used per committed transfer, the figure that holds when "
                + "throughput moves between runs; a leader mode's clients are leader-aware (they ask a follower "
                + "for a 307 to the leader instead of a forward) unless the mode is marked `(any node)`; "
                + "`driver cpu %` is the load driver's CPU during the run in percent of one core; `load` "
                + "is the machine's 1-minute load average at the end of the run, and `steal %` the share of CPU "
                + "time the hypervisor gave to others during it; "
                + "`audit` is the service's own five-invariant audit after the run (plus, for `retry`, that every "
                + "replay returned the same transfer).\n";
    }

    /** What else loaded the machine: measured before the run started anything. */
    private static String machineBefore(MachineLoad before) {
        if (before == null) {
            return "- The machine's load could not be read (no /proc): figures from a busy machine look the same.\n";
        }
        return String.format(Locale.ROOT, "- The machine before the run started anything: load average %.1f, CPU "
                + "%.0f%% busy, %.1f%% stolen by the hypervisor. A busy machine lowers every figure; compare runs "
                + "made on an equally quiet one.%n", before.loadAverage(), before.busyPercent(), before.stealPercent());
    }

    /** A grouped bar chart: one group per scenario, one bar per mode (committed/s), p99 written above each bar. */
    static String chart(Summary summary) {
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        summary.runs().forEach(r -> {
            scenarios.add(r.scenario() + " (" + r.model() + ")");
            modes.add(r.label());
        });
        double max = summary.runs().stream().mapToDouble(Summary.Run::committedPerSec).max().orElse(1);
        int barWidth = 34;
        int groupGap = 40;
        int plotHeight = 260;
        int left = 60;
        int top = 40;
        int groupWidth = modes.size() * barWidth + groupGap;
        int width = left + scenarios.size() * groupWidth + 160;
        int height = top + plotHeight + 60;
        List<String> modeList = new ArrayList<>(modes);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Committed transfers/s per "
                + "mode (label: p99 ms)</text>%n", left));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top + plotHeight, width - 150, top + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.0f/s</text>%n", top + 10, max));
        int g = 0;
        for (String scenario : scenarios) {
            int x0 = left + g * groupWidth + groupGap / 2;
            for (Summary.Run r : summary.runs()) {
                if (!(r.scenario() + " (" + r.model() + ")").equals(scenario)) {
                    continue;
                }
                int m = modeList.indexOf(r.label());
                int h = (int) Math.round(plotHeight * r.committedPerSec() / max);
                int x = x0 + m * barWidth;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s %s: %.0f/s, p99 %.1f ms</title></rect>%n", x, top + plotHeight - h,
                        barWidth - 4, h, colour(m), escape(r.label()), scenario,
                        r.committedPerSec(), r.p99Ms()));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%.0f</text>%n",
                        x, top + plotHeight - h - 3, r.p99Ms()));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x0,
                    top + plotHeight + 16, escape(scenario)));
            g++;
        }
        for (int m = 0; m < modeList.size(); m++) {
            int y = top + 10 + m * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", width - 140, y, colour(m),
                    width - 122, y + 10, escape(modeList.get(m))));
        }
        return svg.append("</svg>\n").toString();
    }

    /** The colour of the mode at this place in the summary's order, the same in every chart. */
    static String colour(int modeIndex) {
        return MODE_COLOURS[modeIndex % MODE_COLOURS.length];
    }

    /** For text and attribute values of HTML and SVG. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
