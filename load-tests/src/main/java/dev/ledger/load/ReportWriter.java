package dev.ledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

/** Writes a comparison's summary.json, report.md (the table) and chart.svg (committed/s and p99 per mode). */
public final class ReportWriter {

    private static final String[] MODE_COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};

    private ReportWriter() {
    }

    public static void write(Path dir, Summary summary) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("report.md"), markdown(summary));
        Files.writeString(dir.resolve("chart.svg"), chart(summary));
    }

    /** The table printed to the terminal and written into report.md. */
    public static String table(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append("| mode | scenario | model | committed/s | rejected/s | p50 ms | p95 ms | p99 ms | max ms "
                + "| errors | conflicts | retries | gap ms | driver cpu % | audit |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
        for (Summary.Run r : summary.runs()) {
            String errors = r.errorsByStatus().isEmpty() ? "-" : r.errorsByStatus().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %s | %d | %d | %d | %.0f | %s |%n",
                    r.mode(), r.scenario(), r.model(), r.committedPerSec(), r.rejectedPerSec(), r.p50Ms(),
                    r.p95Ms(), r.p99Ms(), r.maxMs(), errors, r.conflicts(), r.retries(), r.unavailabilityMs(),
                    r.driverCpuPercent(), r.audit().ok() && r.replayMismatches() == 0 ? "clean" : "FAILED"));
        }
        out.append("\n| baseline | per second |\n|---|---:|\n");
        for (Summary.Baseline b : summary.baselines()) {
            double value = b.committedPerSec() != null ? b.committedPerSec() : b.requestsPerSec();
            out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", b.name(), value));
        }
        headroom(summary).ifPresent(times -> out.append(String.format(Locale.ROOT, "%nDriver headroom: its no-op "
                + "ceiling (http-noop) is %.1fx the best committed/s above; below 5x, a figure may be the "
                + "driver's limit rather than the mode's.%n", times)));
        return out.toString();
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
                + String.format(Locale.ROOT, "- Durability of these figures: PostgreSQL fsync=%s, "
                        + "synchronous_commit=%s; raft log sync=%s.%n", env.pgFsync(), env.pgSynchronousCommit(),
                        env.raftLogSync())
                + "- The embedded PostgreSQL never syncs to disk: compare modes with each other, not with a "
                + "durable system. For durable figures run against a real server with fsync and "
                + "synchronous_commit on: `QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://host/db "
                + "QUARKUS_DATASOURCE_USERNAME=… QUARKUS_DATASOURCE_PASSWORD=… ./ledger compare` "
                + "(each mode then starts on that database as it is; use an empty one).\n"
                + "- Columns: latency is from the intended start of a transfer to its final answer, retries "
                + "included; `gap ms` is the longest time without a committed answer (the failover's write "
                + "gap); `driver cpu %` is the load driver's CPU during the run in percent of one core; "
                + "`audit` is the service's own five-invariant audit after the run (plus, for `retry`, that every "
                + "replay returned the same transfer).\n";
    }

    /** A grouped bar chart: one group per scenario, one bar per mode (committed/s), p99 written above each bar. */
    private static String chart(Summary summary) {
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        summary.runs().forEach(r -> {
            scenarios.add(r.scenario() + " (" + r.model() + ")");
            modes.add(r.mode());
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
                int m = modeList.indexOf(r.mode());
                int h = (int) Math.round(plotHeight * r.committedPerSec() / max);
                int x = x0 + m * barWidth;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s %s: %.0f/s, p99 %.1f ms</title></rect>%n", x, top + plotHeight - h,
                        barWidth - 4, h, MODE_COLOURS[m % MODE_COLOURS.length], r.mode(), scenario,
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
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", width - 140, y, MODE_COLOURS[m % MODE_COLOURS.length],
                    width - 122, y + 10, escape(modeList.get(m))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
