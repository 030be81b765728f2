package dev.ledger.load;

import static dev.ledger.load.ReportWriter.escape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with what report.md says (the
 * verdict first, the regimes and scenarios, every run, CPU by process group, how to read them) and more: committed/s
 * and p99 per mode, scenario and regime, and every run second by second (committed/s, p99 and errors, one line per
 * mode, one set of charts per scenario and regime), where a failover's dip and the hot accounts' queueing show.
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

    /** A name in report text: {@code `like this`}. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private HtmlReport() {
    }

    static String of(Summary summary) {
        List<String> modes = summary.runs().stream().map(Summary.Run::label).distinct().toList();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Ledger comparison ")
                .append(escape(summary.environment().startedAt())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>Ledger comparison ").append(escape(summary.environment().startedAt())).append("</h1>\n");
        html.append("<h2>Verdict</h2>\n").append(verdictTable(summary))
                .append(paragraph(ReportText.verdictMeaning()));
        html.append("<h2>Regimes and scenarios</h2>\n").append(list(ReportText.regimes(summary)))
                .append(list(ReportText.scenarios(summary)));
        html.append("<h2>Runs</h2>\n").append(runsTable(summary)).append(cpuTable(summary));
        if (!summary.baselines().isEmpty()) {
            html.append("<h2>Baselines</h2>\n").append(baselinesTable(summary));
        }
        html.append("<h2>Committed/s and p99 per mode, scenario and regime</h2>\n").append(ReportWriter.chart(summary));
        html.append("<h2>How to read it</h2>\n");
        List<String> notes = new ArrayList<>(ReportText.notes(summary));
        if (!ReportText.warmups(summary).isEmpty()) {
            notes.add(ReportText.warmups(summary));
        }
        html.append(list(notes));
        html.append("<p class=\"muted\">").append(escape(ReportText.environment(summary.environment())))
                .append("</p>\n");
        html.append("<h2>Second by second</h2>\n<p class=\"muted\">Each line is one mode's run of the scenario in"
                + " the regime. Committed/s and errors/s count the answers of that second; p99 is over the answers of"
                + " that second.</p>\n");
        for (String group : new LinkedHashSet<>(summary.runs().stream().map(ReportWriter::group).toList())) {
            List<Summary.Run> runs = summary.runs().stream().filter(r -> ReportWriter.group(r).equals(group))
                    .toList();
            html.append("<h3>").append(escape(group)).append("</h3>\n<div class=\"scenario\">\n")
                    .append(lineChart(group, "committed", "committed/s", runs, modes, s -> s.committed()))
                    .append(lineChart(group, "p99", "p99 ms", runs, modes, Summary.Second::p99Ms))
                    .append(lineChart(group, "errors", "errors/s", runs, modes, s -> s.errors()))
                    .append("</div>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** Report text, escaped, with its {@code `names`} as code. */
    private static String text(String plain) {
        return CODE.matcher(escape(plain)).replaceAll("<code>$1</code>");
    }

    private static String paragraph(String plain) {
        return "<p>" + text(plain) + "</p>\n";
    }

    private static String list(List<String> items) {
        return items.stream().map(item -> "<li>" + text(item) + "</li>\n").collect(Collectors.joining("", "<ul>\n",
                "</ul>\n"));
    }

    private static String verdictTable(Summary summary) {
        List<String> modes = ReportWriter.verdictModes(summary);
        StringBuilder table = new StringBuilder("<table id=\"verdict\">\n<tr><th>regime</th><th>scenario</th>"
                + "<th>winner</th><th class=\"num\">x runner-up</th>");
        modes.forEach(mode -> table.append("<th>").append(escape(mode)).append("</th>"));
        table.append("</tr>\n");
        for (Summary.Verdict v : summary.verdict()) {
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td><b>%s</b></td>"
                    + "<td class=\"num\">%s</td>", escape(v.regime()), escape(v.scenario()), escape(v.winner()),
                    v.ratioToRunnerUp() == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", v.ratioToRunnerUp())));
            for (String mode : modes) {
                table.append("<td>").append(escape(v.modes().stream().filter(c -> c.mode().equals(mode)).findFirst()
                        .map(ReportText::contender).orElse("-"))).append("</td>");
            }
            table.append("</tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String runsTable(Summary summary) {
        StringBuilder table = new StringBuilder("<table id=\"runs\">\n<tr><th>mode</th><th>regime</th>"
                + "<th>scenario</th><th>model</th><th class=\"num\">committed/s</th><th class=\"num\">rejected/s</th>"
                + "<th class=\"num\">p50 ms</th><th class=\"num\">p95 ms</th><th class=\"num\">p99 ms</th>"
                + "<th class=\"num\">max ms</th><th>errors</th><th class=\"num\">conflicts</th>"
                + "<th class=\"num\">retries</th><th class=\"num\">gap ms</th><th class=\"num\">cpu ms/transfer</th>"
                + "<th class=\"num\">driver cpu %</th><th class=\"num\">load</th><th class=\"num\">steal %</th>"
                + "<th>audit</th></tr>\n");
        for (Summary.Run r : summary.runs()) {
            boolean clean = ReportWriter.clean(r);
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    + "<td class=\"num\">%.0f</td><td class=\"num\">%.0f</td><td class=\"num\">%.1f</td>"
                    + "<td class=\"num\">%.1f</td><td class=\"num\">%.1f</td><td class=\"num\">%.1f</td>"
                    + "<td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                    + "<td class=\"num\">%s</td><td class=\"num\">%.0f</td><td class=\"num\">%s</td>"
                    + "<td class=\"num\">%s</td><td class=\"%s\">%s</td></tr>%n",
                    escape(r.label()), escape(r.regime()), escape(r.scenario()), escape(r.model()),
                    r.committedPerSec(), r.rejectedPerSec(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(),
                    escape(ReportWriter.errors(r)), r.conflicts(), r.retries(), r.unavailabilityMs(),
                    ReportWriter.cpu(r), r.driverCpuPercent(),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().loadAverage()),
                    r.machine() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.machine().stealPercent()),
                    clean ? "ok" : "bad", clean ? "clean" : "FAILED"));
        }
        return table.append("</table>\n").toString();
    }

    private static String cpuTable(Summary summary) {
        List<String> groups = ReportWriter.cpuGroups(summary);
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("<p>CPU per committed transfer, ms, by process group (cores busy on"
                + " average in brackets; JIT compilers left out, their share last; driver and relay are the"
                + " instrument):</p>\n<table id=\"cpu\">\n<tr><th>mode</th><th>regime</th><th>scenario</th>");
        groups.forEach(group -> table.append("<th class=\"num\">").append(escape(group)).append("</th>"));
        table.append("<th class=\"num\">system under test</th><th class=\"num\">jit</th></tr>\n");
        for (Summary.Run r : summary.runs()) {
            if (r.cpu().isEmpty()) {
                continue;
            }
            table.append("<tr><td>").append(escape(r.label())).append("</td><td>").append(escape(r.regime()))
                    .append("</td><td>").append(escape(r.scenario())).append("</td>");
            groups.forEach(group -> table.append("<td class=\"num\">").append(ReportWriter.cpuOf(r, group))
                    .append("</td>"));
            table.append("<td class=\"num\">").append(ReportWriter.cpu(r)).append("</td><td class=\"num\">")
                    .append(ReportWriter.jit(r)).append("</td></tr>\n");
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

    /** One metric of one scenario in one regime over time: a polyline per mode, the colours of the bar chart. */
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
