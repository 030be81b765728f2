package dev.ledger.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alerting rules: promtool accepts them and their unit tests pass, and each alert is tested both
 * ways, firing and staying quiet. Without promtool (Debian: prometheus) the promtool checks are skipped, except in
 * CI.
 */
class AlertRulesTest {

    private static Command.Result promtool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalTool.PROMTOOL.require()));
        command.addAll(List.of(arguments));
        return Command.run(command, Monitoring.DIR, Map.of());
    }

    @Test
    void promtoolAcceptsTheRules() {
        Command.Result checked = promtool("check", "rules", Monitoring.RULES.getFileName().toString());

        assertEquals(0, checked.exitCode(), checked.describe());
    }

    @Test
    void theUnitTestsPass() {
        Command.Result tested = promtool("test", "rules", Monitoring.RULE_TESTS.getFileName().toString());

        assertEquals(0, tested.exitCode(), tested.describe());
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : Monitoring.ruleTests().path("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                String alert = expectation.path("alertname").asText();
                (expectation.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }

        for (JsonNode rule : Monitoring.alerts()) {
            String alert = rule.path("alert").asText();
            assertTrue(fires.contains(alert), alert + " has no test where it fires");
            assertTrue(quiet.contains(alert), alert + " has no test where it must not fire");
        }
    }

    @Test
    void everyAlertWaitsBeforeFiringAndSaysWhatIsWrong() {
        List<JsonNode> alerts = Monitoring.alerts();
        assertEquals(Set.of("LedgerRaftNoLeader", "LedgerRaftApplyLag", "LedgerHighErrorRate"),
                Set.copyOf(alerts.stream().map(rule -> rule.path("alert").asText()).toList()));
        for (JsonNode rule : alerts) {
            String alert = rule.path("alert").asText();
            // An election or a restart must not page anyone: each condition has to last.
            Duration pending = Duration.parse("PT" + rule.path("for").asText().toUpperCase(Locale.ROOT));
            assertTrue(pending.compareTo(Duration.ofMinutes(1)) >= 0, alert + " fires too soon: " + pending);
            assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()), alert);
            assertFalse(rule.path("annotations").path("summary").asText().isBlank(), alert);
            assertFalse(rule.path("annotations").path("description").asText().isBlank(), alert);
        }
    }
}
