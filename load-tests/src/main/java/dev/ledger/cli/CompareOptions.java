package dev.ledger.cli;

import dev.ledger.cli.Converters.ModeConverter;
import dev.ledger.cli.Converters.ModeValues;
import dev.ledger.cli.Converters.ScenarioConverter;
import dev.ledger.contract.Mode;
import dev.ledger.load.ComparisonPlan;
import dev.ledger.load.Regime;
import dev.ledger.load.Scenario;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code ./ledger compare}'s command line; every run is bounded by {@code duration}. */
public final class CompareOptions {

    /** {@code --quick}: short windows and warm-up, the hotspot only, where the regimes part the strategies most. */
    private static final Duration QUICK_DURATION = Duration.ofSeconds(8);
    private static final Duration QUICK_WARMUP = Duration.ofSeconds(20);
    private static final List<Scenario> QUICK_SCENARIOS = List.of(Scenario.ZIPF_2);

    @Option(names = "--modes", split = ",", paramLabel = "MODE", converter = ModeConverter.class,
            completionCandidates = ModeValues.class,
            defaultValue = "raft,zookeeper,pessimistic,optimistic,idempotent",
            description = "The modes, each on a fresh cluster, of: ${COMPLETION-CANDIDATES} (default:"
                    + " ${DEFAULT-VALUE}).")
    private List<Mode> modes;
    @Option(names = "--regimes", split = ",", paramLabel = "REGIME", defaultValue = "production,laptop",
            description = "Where the clusters run, in this order: production (every link between two processes of a"
                    + " cluster a round trip of --rtt apart, durable commits) and laptop (every process on loopback,"
                    + " commits not synced); each mode's cluster is warmed once and serves all (default:"
                    + " ${DEFAULT-VALUE}).")
    private List<String> regimes;
    @Option(names = "--rtt", paramLabel = "D", converter = DurationConverter.class, defaultValue = "1ms",
            description = "The production regime's round trip: node to PostgreSQL, to ZooKeeper, to node, through a"
                    + " relay (clients reach the nodes directly); measured before each run (default:"
                    + " ${DEFAULT-VALUE}).")
    private Duration rtt;
    @Option(names = "--scenarios", split = ",", paramLabel = "SCENARIO", converter = ScenarioConverter.class,
            defaultValue = "uniform,zipf-2,failover", description = {
                "The scenarios (default: ${DEFAULT-VALUE}): uniform (random pairs over all accounts), hot (80% of"
                        + " transfers between 10 accounts), zipf-1 and zipf-2 (both accounts Zipf-distributed with"
                        + " exponent 1 or 2: the busiest in 19% or 87% of transfers), retry (uniform, 20% of committed"
                        + " transfers sent again with their key), failover (uniform, the leader or a node killed a"
                        + " third in).",
                "The load shapes run in every regime; retry and failover in the last one. Retry is not in the default"
                        + " list: its figures are uniform's, and its check (every replay answered alike) the contract"
                        + " tests' and the fault suites'."})
    private List<Scenario> scenarios;
    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, defaultValue = "15s",
            description = "Each run, as k6 writes it: 20s, 1m30s; its first fifth brings the load to its level, the"
                    + " rest is measured (default: ${DEFAULT-VALUE}).")
    private Duration duration;
    // On two cores, three fresh service JVMs need minutes of load before their JIT compilers are done (Warmup).
    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class, defaultValue = "5m",
            description = "The most warm-up per mode; it ends sooner once the compilers are quiet"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration warmup;
    @Option(names = "--quick", description = "A first look in about 6 minutes: 8 s runs of zipf-2 only, 20 s of"
            + " warm-up (unless --duration, --warmup or --scenarios say otherwise); its figures include the JIT"
            + " compilers at work, its ratios point the way the full run's do.")
    private boolean quick;
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Per cluster (default: ${DEFAULT-VALUE}).")
    private int nodes;
    @Option(names = "--base-port", paramLabel = "P", defaultValue = "18081",
            description = "The clusters' first HTTP port (default: ${DEFAULT-VALUE}).")
    private int basePort;
    @Mixin
    private DriverOptions driver;
    @Option(names = "--baselines", description = "Then the baselines: each database mode's own SQL over JDBC, and a"
            + " no-op HTTP POST (the driver's ceiling).")
    private boolean baselines;
    @Option(names = "--keep-work", description = "Keep each cluster's databases and raft logs under the report's"
            + " work/ (by default only the logs stay: the rest takes hundreds of MB).")
    private boolean keepWork;

    /** The plan these options make, checked as a whole. */
    ComparisonPlan plan(ParseResult parsed) {
        driver.validate();
        DriverOptions.requireAtLeast("--nodes", nodes, 1);
        DriverOptions.requireAtLeast("--base-port", basePort, 1);
        List<Regime> regimeList;
        try {
            regimeList = regimes.stream().map(name -> Regime.parse(name, rtt)).distinct().toList();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--regimes: " + e.getMessage());
        }
        boolean given = parsed != null;
        Duration runDuration = quick && !(given && parsed.hasMatchedOption("--duration")) ? QUICK_DURATION : duration;
        Duration mostWarmup = quick && !(given && parsed.hasMatchedOption("--warmup")) ? QUICK_WARMUP : warmup;
        List<Scenario> scenarioList = quick && !(given && parsed.hasMatchedOption("--scenarios")) ? QUICK_SCENARIOS
                : scenarios;
        return new ComparisonPlan(modes, regimeList, scenarioList, runDuration, mostWarmup, driver.model,
                driver.ratePerSec, driver.clients, driver.accounts, nodes, basePort, driver.seed, baselines, keepWork);
    }

}
