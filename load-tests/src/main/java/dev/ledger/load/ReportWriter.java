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
import java.util.stream.Stream;

/**
 * Writes a comparison's summary.json, report.md (the verdict, then the tables), chart.svg (committed/s and p99 per
 * mode), report.html (all of it and every run second by second, in one file: {@link HtmlReport}) and timeseries.csv
 * (the seconds).
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
        StringBuilder csv = new StringBuilder("mode,regime,scenario,second,committed,p99_ms,errors\n");
        for (Summary.Run run : summary.runs()) {
            for (Summary.Second second : run.seconds()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%d%n", run.label(), run.regime(),
                        run.scenario(), second.second(), second.committed(), second.p99Ms(), second.errors()));
            }
        }
        return csv.toString();
    }

    /** What the terminal shows at the end of a compare, and report.md opens with: the verdict, then the detail. */
    public static String table(Summary summary) {
        StringBuilder out = new StringBuilder(verdictTable(summary));
        out.append('\n').append(runsTable(summary));
        cpuTable(summary).ifPresent(out::append);
        baselinesTable(summary).ifPresent(out::append);
        return out.toString();
    }

    /** The baselines, if the comparison ran them. */
    static Optional<String> baselinesTable(Summary summary) {
        if (summary.baselines().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("\n| baseline | per second |\n|---|---:|\n");
        for (Summary.Baseline b : summary.baselines()) {
            double value = b.committedPerSec() != null ? b.committedPerSec() : b.requestsPerSec();
            out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", b.name(), value));
        }
        return Optional.of(out.toString());
    }

    /** The modes of the verdict, in the order of the runs. */
    static List<String> verdictModes(Summary summary) {
        return summary.verdict().stream().flatMap(v -> v.modes().stream()).map(Summary.Contender::mode).distinct()
                .toList();
    }

    /** One row per regime and scenario: the winner, its ratio to the runner-up, and every mode's figures. */
    static String verdictTable(Summary summary) {
        List<String> modes = verdictModes(summary);
        StringBuilder out = new StringBuilder("| regime | scenario | winner | x runner-up | "
                + String.join(" | ", modes) + " |\n|---|---|---|---:|" + "---|".repeat(modes.size()) + "\n");
        for (Summary.Verdict v : summary.verdict()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | **%s** | %s |", v.regime(), v.scenario(), v.winner(),
                    v.ratioToRunnerUp() == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", v.ratioToRunnerUp())));
            for (String mode : modes) {
                out.append(' ').append(v.modes().stream().filter(c -> c.mode().equals(mode)).findFirst()
                        .map(ReportText::contender).orElse("-")).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every run with all its figures. */
    static String runsTable(Summary summary) {
        StringBuilder out = new StringBuilder("| mode | regime | scenario | model | committed/s | rejected/s | p50 ms"
                + " | p95 ms | p99 ms | max ms | errors | conflicts | retries | gap ms | cpu ms/transfer"
                + " | driver cpu % | load | steal % | audit |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Summary.Run r : summary.runs()) {
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %s | %d | %d | %d | %s | %.0f "
                    + "| %s | %s | %s |%n", r.label(), r.regime(), r.scenario(), r.model(), r.committedPerSec(),
                    r.rejectedPerSec(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), errors(r), r.conflicts(),
                    r.retries(), r.unavailabilityMs(), cpu(r), r.driverCpuPercent(),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().loadAverage()),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().stealPercent()),
                    clean(r) ? "clean" : "FAILED"));
        }
        return out.toString();
    }

    static String errors(Summary.Run r) {
        return r.errorsByStatus().isEmpty() ? "-" : r.errorsByStatus().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    static boolean clean(Summary.Run r) {
        return r.audit() != null && r.audit().ok() && r.replayMismatches() == 0;
    }

    /** The system under test's CPU per committed transfer, or "-" where it was not measured. */
    static String cpu(Summary.Run run) {
        return run.cpuMsPerTransfer() == null ? "-" : String.format(Locale.ROOT, "%.3f", run.cpuMsPerTransfer());
    }

    /** The process groups measured in any run, the instrument's last. */
    static List<String> cpuGroups(Summary summary) {
        List<String> groups = summary.runs().stream().flatMap(r -> r.cpu().stream()).map(Summary.Cpu::group)
                .distinct().toList();
        return Stream.concat(groups.stream().filter(g -> !ProcessCpu.isInstrument(g)),
                groups.stream().filter(ProcessCpu::isInstrument)).toList();
    }

    /** A run's CPU of one group: ms per transfer, and the cores the group kept busy. */
    static String cpuOf(Summary.Run run, String group) {
        return run.cpu().stream().filter(c -> c.group().equals(group)).findFirst()
                .map(c -> String.format(Locale.ROOT, "%.3f (%.2f)", c.msPerTransfer(), c.cores())).orElse("-");
    }

    static String jit(Summary.Run run) {
        return String.format(Locale.ROOT, "%.3f", run.cpu().stream().mapToDouble(Summary.Cpu::jitMsPerTransfer)
                .sum());
    }

    /**
     * CPU per committed transfer by process group, in ms (the JIT compilers apart): what each strategy costs, the
     * figure that holds on a noisy machine where committed/s moves 20-40% between runs.
     */
    static Optional<String> cpuTable(Summary summary) {
        List<String> groups = cpuGroups(summary);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("\nCPU per committed transfer, ms, by process group (cores busy on"
                + " average in brackets; JIT compilers left out, their share last):\n\n| mode | regime | scenario | ");
        out.append(String.join(" | ", groups)).append(" | system under test | jit |\n|---|---|---|");
        out.append("---:|".repeat(groups.size() + 2)).append('\n');
        for (Summary.Run r : summary.runs()) {
            if (r.cpu().isEmpty()) {
                continue;
            }
            out.append("| ").append(r.label()).append(" | ").append(r.regime()).append(" | ").append(r.scenario())
                    .append(" | ");
            for (String group : groups) {
                out.append(cpuOf(r, group)).append(" | ");
            }
            out.append(cpu(r)).append(" | ").append(jit(r)).append(" |\n");
        }
        return Optional.of(out.toString());
    }

    /** The driver's no-op ceiling over the best committed/s of any run: how far the instrument is from its limit. */
    static Optional<Double> headroom(Summary summary) {
        Optional<Double> noop = summary.baselines().stream().map(Summary.Baseline::requestsPerSec)
                .filter(Objects::nonNull).findFirst();
        double best = summary.runs().stream().mapToDouble(Summary.Run::committedPerSec).max().orElse(0);
        return best > 0 ? noop.map(ceiling -> ceiling / best) : Optional.empty();
    }

    private static String markdown(Summary summary) {
        StringBuilder md = new StringBuilder("# Ledger comparison " + summary.environment().startedAt() + "\n\n");
        md.append("## Verdict\n\n").append(verdictTable(summary)).append('\n')
                .append(ReportText.verdictMeaning()).append("\n\n");
        md.append("## Regimes and scenarios\n\n");
        ReportText.regimes(summary).forEach(line -> md.append("- ").append(line).append('\n'));
        ReportText.scenarios(summary).forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Runs\n\n").append(runsTable(summary));
        cpuTable(summary).ifPresent(md::append);
        baselinesTable(summary).ifPresent(md::append);
        md.append("\n![committed/s and p99 per mode](chart.svg)\n\n## How to read it\n\n");
        ReportText.notes(summary).forEach(note -> md.append("- ").append(note).append('\n'));
        String warmups = ReportText.warmups(summary);
        if (!warmups.isEmpty()) {
            md.append("- ").append(warmups).append('\n');
        }
        md.append("\n## Environment\n\n").append(ReportText.environment(summary.environment())).append('\n');
        return md.toString();
    }

    /**
     * A grouped bar chart: one group per scenario and regime, one bar per mode (committed/s), p99 written above each.
     */
    static String chart(Summary summary) {
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        summary.runs().forEach(r -> {
            scenarios.add(group(r));
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
                if (!group(r).equals(scenario)) {
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

    /** The runs a chart shows side by side: one scenario in one regime. */
    static String group(Summary.Run run) {
        return run.scenario() + " (" + run.regime() + ")";
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
