package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ledger.contract.Mode;
import dev.ledger.load.ComparisonPlan;
import dev.ledger.load.Regime;
import dev.ledger.load.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompareOptionsTest {

    private static ComparisonPlan plan(String... args) {
        CompareOptions options = new CompareOptions();
        CommandLine.ParseResult parsed = new CommandLine(options).parseArgs(args);
        return options.plan(parsed);
    }

    @Test
    void byDefaultEveryModeInBothRegimesProductionFirstOnUniformAndTheHotspotThenFailover() {
        ComparisonPlan plan = plan();
        assertEquals(List.of(Mode.RAFT, Mode.ZOOKEEPER, Mode.PESSIMISTIC, Mode.OPTIMISTIC, Mode.IDEMPOTENT),
                plan.modes());
        assertEquals(List.of(Regime.production(Duration.ofMillis(1)), Regime.laptop()), plan.regimes());
        assertEquals(List.of(Scenario.UNIFORM, Scenario.ZIPF_2, Scenario.FAILOVER), plan.scenarios());
        assertEquals(Duration.ofSeconds(15), plan.duration());
    }

    @Test
    void quickIsShorterUnlessAnOptionSaysOtherwise() {
        ComparisonPlan quick = plan("--quick");
        assertEquals(List.of(Scenario.ZIPF_2), quick.scenarios());
        assertEquals(Duration.ofSeconds(8), quick.duration());
        assertEquals(Duration.ofSeconds(20), quick.warmup());
        assertEquals(Duration.ofSeconds(3), plan("--quick", "--duration", "3s").duration());
    }

    @Test
    void theProductionRoundTripIsAnOptionAndAnUnknownRegimeIsBadUsage() {
        assertEquals(List.of(Regime.production(Duration.ofMillis(2))),
                plan("--regimes", "production", "--rtt", "2ms").regimes());
        assertThrows(UsageException.class, () -> plan("--regimes", "cloud"));
    }

    /** Named, the workflow mode runs as the others do; the default stays the five modes of one database. */
    @Test
    void theWorkflowModeRunsInBothRegimesWhenNamed() {
        ComparisonPlan plan = plan("--modes", "workflow,idempotent");
        assertEquals(List.of(Mode.WORKFLOW, Mode.IDEMPOTENT), plan.modes());
        assertEquals(List.of(Regime.production(Duration.ofMillis(1)), Regime.laptop()), plan.regimes());
    }
}
