package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a comparison runs: each mode on a cluster of its own, warmed once, then in each regime each scenario.
 * {@code warmup} is the most warm-up per mode (it ends sooner once the compilers are quiet); {@code clients}: the
 * closed model's clients, the open model's most transfers in flight. {@code keepWork}: keep each cluster's databases
 * and raft logs under the report's {@code work/} (its logs are always kept).
 */
public record ComparisonPlan(List<Mode> modes, List<Regime> regimes, List<Scenario> scenarios, Duration duration,
        Duration warmup, LoadRun.Model model, int ratePerSec, int clients, int accounts, int nodes, int basePort,
        long seed, boolean baselines, boolean keepWork) {

    /** Accounts are numbered "acc0".."accN-1"; the hot ones are acc0-acc9, and acc0 is the busiest of a Zipf run. */
    public static final String ACCOUNT_PREFIX = "acc";

    /** Whether any regime puts a delay on the links: then every cluster runs with the relay, in all its regimes. */
    boolean relayed() {
        return regimes.stream().anyMatch(Regime::delayed);
    }

    /** The regime whose uniform runs a leader mode also runs with clients on any node: laptop, else the first. */
    Regime anyNodeRegime() {
        return regimes.stream().filter(regime -> !regime.delayed()).findFirst().orElse(regimes.get(0));
    }

    /** The scenarios of one regime: the load shapes in every regime, retry and failover in the last one only. */
    List<Scenario> scenariosOf(Regime regime) {
        boolean last = regime.equals(regimes.get(regimes.size() - 1));
        List<Scenario> shapes = scenarios.stream().filter(s -> last || s.inEveryRegime()).toList();
        // Failover last: it leaves a node that was killed and restarted, which the other scenarios should not see.
        return Stream.concat(shapes.stream().filter(s -> s != Scenario.FAILOVER),
                shapes.stream().filter(s -> s == Scenario.FAILOVER)).toList();
    }
}
