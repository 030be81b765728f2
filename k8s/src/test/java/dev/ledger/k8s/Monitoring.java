package dev.ledger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of k8s/monitoring: the Grafana dashboard, the Prometheus alerting rules and their unit tests. */
final class Monitoring {

    static final Path DIR = Rendering.k8sDir().resolve("monitoring");
    static final Path DASHBOARD = DIR.resolve("ledger-dashboard.json");
    static final Path RULES = DIR.resolve("ledger-alerts.yaml");
    static final Path RULE_TESTS = DIR.resolve("ledger-alerts.test.yaml");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private Monitoring() {
    }

    static JsonNode dashboard() {
        return read(new ObjectMapper(), DASHBOARD);
    }

    static JsonNode rules() {
        return read(new YAMLMapper(), RULES);
    }

    static JsonNode ruleTests() {
        return read(new YAMLMapper(), RULE_TESTS);
    }

    /** Every rule of every group. */
    static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        return alerts;
    }

    /** The PromQL queries of the dashboard's panels. */
    static List<String> panelQueries() {
        List<String> queries = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.add(target.path("expr").asText())));
        return queries;
    }

    /** The series the dashboard's template variables take their values from: label_values(series, label). */
    static List<String> variableSeries() {
        List<String> series = new ArrayList<>();
        dashboard().path("templating").path("list").forEach(variable -> {
            Matcher labelValues = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (labelValues.find()) {
                series.add(labelValues.group(1));
            }
        });
        return series;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
