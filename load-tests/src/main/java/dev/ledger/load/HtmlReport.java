package dev.ledger.load;

import static dev.ledger.load.ReportWriter.escape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the comparison table,
 * the ratios, committed/s and p99 per mode and scenario, and every run second by second: committed/s, p99 and
 * errors, one line per mode, one set of charts per scenario, where a failover's dip and the hot accounts' queueing
 * show.
 */
final class HtmlReport {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 170;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 22;
    private static final int BOTTOM = 24;
    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, sans-serif; color: #1d2430; margin: 1.5em auto; max-width: 1280px;
                   padding: 0 1em; }
            table { border-collapse: collapse; margin: .6em 0 1.2em; }
            th, td { padding: .2em .6em; border-bottom: 1px solid #dde2e8; text-align: left; white-space: nowrap; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .bad { color: #c62828; font-weight: 600; } .ok { color: #1a7f37; }
            .muted { color: #6b7480; }
            .scenario { display: flex; flex-wrap: wrap; gap: .8em; }
            svg { background: #fbfcfd; border: 1px solid #dde2e8; }
            """;

    private HtmlReport() {
    }

    static String of(Summary summary) {
        List<String> modes = summary.runs().stream().map(Summary.Run::label).distinct().toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Ledger comparison ")
                .append(escape(summary.environment().startedAt())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>Ledger comparison ").append(escape(summary.environment().startedAt())).append("</h1>\n");
        html.append("<p class=\"muted\">").append(escape(environment(summary.environment()))).append("</p>\n");
        ReportWriter.warmups(summary).ifPresent(w -> html.append("<p>").append(escape(w.strip())).append("</p>\n"));
        html.append("<h2>Runs</h2>\n").append(runsTable(summary));
        html.append("<h2>Baselines and ratios</h2>\n").append(baselinesTable(summary)).append(ratiosTable(summary));
        html.append("<h2>Committed/s and p99 per mode and scenario</h2>\n").append(ReportWriter.chart(summary));
        html.append("<h2>Second by second</h2>\n<p class=\"muted\">Each line is one mode's run of the scenario."
                + " Committed/s and errors/s count the answers of that second; p99 is over the answers of that"
                + " second.</p>\n");
        for (String scenario : new LinkedHashSet<>(summary.runs().stream().map(Summary.Run::scenario).toList())) {
            List<Summary.Run> runs = summary.runs().stream().filter(r -> r.scenario().equals(scenario)).toList();
            html.append("<h3>").append(escape(scenario)).append("</h3>\n<div class=\"scenario\">\n")
                    .append(lineChart(scenario, "committed", "committed/s", runs, modes, s -> s.committed()))
                    .append(lineChart(scenario, "p99", "p99 ms", runs, modes, Summary.Second::p99Ms))
                    .append(lineChart(scenario, "errors", "errors/s", runs, modes, s -> s.errors()))
                    .append("</div>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String environment(Summary.Environment env) {
        String machine = env.machineBefore() == null ? "machine load unknown" : String.format(Locale.ROOT,
                "machine before the run: load average %.1f, %.0f%% busy, %.1f%% stolen",
                env.machineBefore().loadAverage(), env.machineBefore().busyPercent(),
                env.machineBefore().stealPercent());
        return String.format(Locale.ROOT, "%d CPUs, git %s, PostgreSQL %s (fsync=%s, synchronous_commit=%s), raft"
                + " log sync=%s, %d nodes per mode, %d accounts, %d clients, seed %d; %s.", env.cpus(), env.gitSha(),
                env.pgVersion(), env.pgFsync(), env.pgSynchronousCommit(), env.raftLogSync(), env.nodes(),
                env.accounts(), env.clients(), env.seed(), machine);
    }

    private static String runsTable(Summary summary) {
        StringBuilder table = new StringBuilder("<table id=\"runs\">\n<tr><th>mode</th><th>scenario</th><th>model</th>"
                + "<th class=\"num\">committed/s</th><th class=\"num\">p50 ms</th><th class=\"num\">p99 ms</th>"
                + "<th class=\"num\">max ms</th><th>errors</th><th class=\"num\">gap ms</th>"
                + "<th class=\"num\">cpu ms/transfer</th><th>audit</th></tr>\n");
        for (Summary.Run r : summary.runs()) {
            boolean clean = r.audit() != null && r.audit().ok() && r.replayMismatches() == 0;
            String errors = r.errorsByStatus().isEmpty() ? "-" : r.errorsByStatus().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%.0f</td>"
                    + "<td class=\"num\">%.1f</td><td class=\"num\">%.1f</td><td class=\"num\">%.1f</td><td>%s</td>"
                    + "<td class=\"num\">%d</td><td class=\"num\">%s</td><td class=\"%s\">%s</td></tr>%n",
                    escape(r.label()), escape(r.scenario()), escape(r.model()), r.committedPerSec(), r.p50Ms(),
                    r.p99Ms(), r.maxMs(), escape(errors), r.unavailabilityMs(), ReportWriter.cpu(r),
                    clean ? "ok" : "bad", clean ? "clean" : "FAILED"));
        }
        return table.append("</table>\n").toString();
    }

    private static String baselinesTable(Summary summary) {
        StringBuilder table = new StringBuilder("<table id=\"baselines\">\n<tr><th>baseline</th>"
                + "<th class=\"num\">per second</th></tr>\n");
        for (Summary.Baseline b : summary.baselines()) {
            double value = b.committedPerSec() != null ? b.committedPerSec() : b.requestsPerSec();
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%.0f</td></tr>%n",
                    escape(b.name()), value));
        }
        return table.append("</table>\n").toString();
    }

    private static String ratiosTable(Summary summary) {
        List<ReportWriter.Ratio> ratios = ReportWriter.ratios(summary);
        if (ratios.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("<table id=\"ratios\">\n<tr><th>ratio</th>"
                + "<th class=\"num\">measured</th><th>goal</th></tr>\n");
        ratios.forEach(r -> table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%.2fx</td>"
                + "<td>%s</td></tr>%n", escape(r.what()), r.value(), escape(r.goal()))));
        return table.append("</table>\n").toString();
    }

    /** One metric of one scenario over time: a polyline per mode, the same colours as the bar chart. */
    private static String lineChart(String scenario, String metric, String label, List<Summary.Run> runs,
            List<String> modes, ToDoubleFunction<Summary.Second> value) {
        int lastSecond = runs.stream().flatMap(r -> r.seconds().stream()).mapToInt(Summary.Second::second).max()
                .orElse(1);
        double top = Math.max(1, runs.stream().flatMap(r -> r.seconds().stream()).mapToDouble(value).max()
                .orElse(1)) * 1.1;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"timeseries\" data-scenario="
                + "\"%s\" data-metric=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", escape(scenario), metric, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" font-size=\"12\">%s</text>%n", LEFT,
                escape(label)));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%.0f</text><text x=\"4\" y=\"%d\">0</text>%n",
                TOP + 8, top / 1.1, TOP + (int) plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                LEFT, TOP + (int) plotHeight, WIDTH - RIGHT, TOP + (int) plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d s</text>%n",
                WIDTH - RIGHT, HEIGHT - 6, lastSecond));
        int legendX = LEFT + 110;
        for (Summary.Run run : runs) {
            int m = modes.indexOf(run.label());
            List<String> points = new ArrayList<>();
            for (Summary.Second second : run.seconds()) {
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + plotWidth * second.second() / lastSecond,
                        TOP + plotHeight - plotHeight * value.applyAsDouble(second) / top));
            }
            svg.append(String.format(Locale.ROOT, "<polyline data-mode=\"%s\" points=\"%s\" fill=\"none\""
                    + " stroke=\"%s\" stroke-width=\"1.6\"><title>%s</title></polyline>%n", escape(run.label()),
                    String.join(" ", points), ReportWriter.colour(m), escape(run.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"7\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"16\">%s</text>%n", legendX, ReportWriter.colour(m), legendX + 13,
                    escape(run.label())));
            legendX += 20 + 7 * run.label().length();
        }
        return svg.append("</svg>\n").toString();
    }
}
