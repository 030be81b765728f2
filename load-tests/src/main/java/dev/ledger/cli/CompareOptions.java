package dev.ledger.cli;

import dev.ledger.cli.Converters.ModeConverter;
import dev.ledger.cli.Converters.ModeValues;
import dev.ledger.cli.Converters.ModelConverter;
import dev.ledger.cli.Converters.ScenarioConverter;
import dev.ledger.contract.Mode;
import dev.ledger.load.LoadRun;
import dev.ledger.load.Scenario;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code ./ledger compare}'s command line; every run is bounded by {@code duration}. {@code durable}: the clusters'
 * embedded PostgreSQL syncs every commit to disk (see {@link dev.ledger.cluster.ClusterOptions}).
 */
public final class CompareOptions {

    @Option(names = "--modes", split = ",", paramLabel = "MODE", converter = ModeConverter.class,
            completionCandidates = ModeValues.class,
            defaultValue = "raft,zookeeper,pessimistic,optimistic,idempotent",
            description = "The modes, each on a fresh cluster, of: ${COMPLETION-CANDIDATES} (default:"
                    + " ${DEFAULT-VALUE}).")
    private List<Mode> modes;
    @Option(names = "--scenarios", split = ",", paramLabel = "SCENARIO", converter = ScenarioConverter.class,
            defaultValue = "uniform,hot,retry,failover", description = "The scenarios (default: ${DEFAULT-VALUE}).")
    private List<Scenario> scenarios;
    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, defaultValue = "20s",
            description = "Each measured run, as k6 writes it: 20s, 1m30s (default: ${DEFAULT-VALUE}).")
    private Duration duration;
    // On two cores, three fresh service JVMs need minutes of load before their JIT compilers are done
    // (CompareCommand.warmUp).
    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class, defaultValue = "5m",
            description = "The most warm-up per mode; it ends sooner once the compilers are quiet"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration warmup;
    @Option(names = "--model", paramLabel = "MODEL", converter = ModelConverter.class, defaultValue = "closed",
            description = "closed: clients back to back; open: --rate transfers a second (default: ${DEFAULT-VALUE}).")
    private LoadRun.Model model;
    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "Open model: transfers started per second (default: ${DEFAULT-VALUE}).")
    private int ratePerSec;
    @Option(names = "--clients", paramLabel = "N", defaultValue = "32",
            description = "Closed model: clients (default: ${DEFAULT-VALUE}).")
    private int clients;
    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10000",
            description = "Accounts, the 10 hot ones among them (default: ${DEFAULT-VALUE}).")
    private int accounts;
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Per cluster (default: ${DEFAULT-VALUE}).")
    private int nodes;
    @Option(names = "--base-port", paramLabel = "P", defaultValue = "18081",
            description = "The clusters' first HTTP port (default: ${DEFAULT-VALUE}).")
    private int basePort;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seeds the accounts and amounts of every run (default: ${DEFAULT-VALUE}).")
    private long seed;
    @Option(names = "--durable", description = "Every cluster's PostgreSQL syncs its commits to disk.")
    private boolean durable;
    @Option(names = "--rtt", paramLabel = "D", converter = DurationConverter.class, description = "Every link between"
            + " two processes of a cluster (node to PostgreSQL, to ZooKeeper, to node) through a relay that adds this"
            + " round trip, like 1ms; clients reach the nodes directly. Measured before each run.")
    private Duration rtt;

    /** What no single option's conversion can see. */
    void validate() {
        for (var bound : List.of(new Bound("--rate", ratePerSec, 1), new Bound("--clients", clients, 1),
                new Bound("--accounts", accounts, Scenario.HOT_ACCOUNTS + 1), new Bound("--nodes", nodes, 1),
                new Bound("--base-port", basePort, 1))) {
            if (bound.value() < bound.min()) {
                throw new UsageException(bound.option() + " must be at least " + bound.min() + ", not "
                        + bound.value());
            }
        }
    }

    private record Bound(String option, int value, int min) {
    }

    public List<Mode> modes() {
        return modes;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    public Duration duration() {
        return duration;
    }

    public Duration warmup() {
        return warmup;
    }

    public LoadRun.Model model() {
        return model;
    }

    public int ratePerSec() {
        return ratePerSec;
    }

    public int clients() {
        return clients;
    }

    public int accounts() {
        return accounts;
    }

    public int nodes() {
        return nodes;
    }

    public int basePort() {
        return basePort;
    }

    public long seed() {
        return seed;
    }

    public boolean durable() {
        return durable;
    }

    /** Null: the processes talk directly. */
    public Duration rtt() {
        return rtt;
    }
}
