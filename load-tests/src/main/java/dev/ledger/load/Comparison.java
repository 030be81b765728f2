package dev.ledger.load;

import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.Directories;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import dev.ledger.network.RelayProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The comparison {@code ./ledger compare} runs: for each mode a fresh cluster (its own database) with the same number
 * of nodes and the accounts, warmed once; then in each {@link Regime} (the relay's round trip set, PostgreSQL's
 * durability switched) each scenario, with the audit after it; then, if asked, the baselines. Its result is the
 * {@link Summary}; the caller writes the report.
 */
public final class Comparison {

    /** The no-op path is short: a minute of load compiles it (measured: 4k/s cold, 12k/s warm on 3 nodes). */
    private static final Duration NOOP_WARMUP_MAX = Duration.ofMinutes(1);
    /** Transfers of up to 1% of an opening balance: hot accounts drain sometimes, and some transfers are refused. */
    private static final long MAX_AMOUNT = 10_000;
    /** How long the machine's load is sampled before anything starts: what else runs there. */
    private static final Duration MACHINE_SAMPLE = Duration.ofSeconds(5);
    /**
     * After PostgreSQL restarted with other settings: load, not measured, until the nodes' pools have reconnected
     * (they check idle connections every 5 s) and a leader that stepped down over the failed writes is back.
     */
    private static final Duration SETTLE = Duration.ofSeconds(6);

    private final LedgerHome home;
    private final ComparisonPlan plan;
    private final PrintStream out;
    private final ComparisonProgress progress;
    private final Warmup warmup;
    /** Each regime as the first cluster that entered it found it: PostgreSQL's settings and a commit's time. */
    private final Map<String, Summary.RegimeFigures> regimes = new LinkedHashMap<>();

    public Comparison(LedgerHome home, ComparisonPlan plan, PrintStream out) {
        this.home = home;
        this.plan = plan;
        this.out = out;
        this.progress = new ComparisonProgress(out);
        this.warmup = new Warmup(out);
    }

    /** Runs the whole plan; the clusters' working directories go under {@code reportDir}/work. */
    public Summary run(Path reportDir, String stamp, String gitSha) throws IOException, InterruptedException {
        LocalCluster.requireServiceJar(home);
        // Every mode's cluster lives under the report directory but runs this repository's service build.
        System.setProperty(LedgerHome.SERVICE_JAR_PROPERTY, home.serviceJar().toString());
        List<Summary.Run> runs = new ArrayList<>();
        List<Summary.Warmup> warmups = new ArrayList<>();
        planProgress();
        MachineLoad machineBefore = machineBefore();
        Summary.Environment environment = null;
        for (Mode mode : plan.modes()) {
            LocalCluster cluster = startCluster(reportDir, mode.value(), mode);
            try {
                cluster.start();
                ClusterDatabase.seedAccounts(cluster, plan.accounts());
                ClusterDatabase database = ClusterDatabase.of(cluster);
                if (environment == null) {
                    environment = environment(database, stamp, gitSha, machineBefore);
                }
                List<String> urls = nodeUrls(cluster);
                List<String> advertised = advertisedUrls(cluster);
                progress.begin(mode.value() + " warm-up");
                warmups.add(warmup.run(mode, plan.warmup(), urls, advertised, round -> settings(Scenario.UNIFORM,
                        Routing.ANY, round, LoadRun.Model.CLOSED)));
                for (Regime regime : plan.regimes()) {
                    enter(regime, cluster, mode, urls, advertised);
                    for (Scenario scenario : plan.scenariosOf(regime)) {
                        for (Routing routing : routings(mode, scenario, regime)) {
                            progress.begin(String.format("%s %s %s (%s)", mode.value(), regime.name(),
                                    scenario.value(), routing.label()));
                            runs.add(runScenario(cluster, mode, regime, scenario, routing, urls, advertised));
                        }
                    }
                }
            } finally {
                cluster.stop();
                dropDataUnlessKept(cluster);
            }
        }
        List<Summary.Baseline> baselines = plan.baselines() ? runBaselines(reportDir) : List.of();
        return Summary.of(environment, List.copyOf(regimes.values()), warmups, runs, baselines);
    }

    /** A stopped cluster's databases and raft logs take hundreds of MB; its logs are what a report needs. */
    private void dropDataUnlessKept(LocalCluster cluster) throws IOException {
        if (plan.keepWork()) {
            return;
        }
        for (Path directory : cluster.dataDirectories()) {
            Directories.deleteRecursively(directory);
        }
    }

    /** The steps of the run in the order they come, for the progress line. */
    private void planProgress() {
        for (Mode mode : plan.modes()) {
            progress.plan(ComparisonProgress.CLUSTER_START);
            progress.plan(plan.warmup());
            boolean durable = plan.regimes().get(0).durable();
            boolean databaseRelayed = plan.relayed();
            for (Regime regime : plan.regimes()) {
                if (regime.durable() != durable || regime.delayed() != databaseRelayed) {
                    progress.plan(SETTLE);
                    durable = regime.durable();
                    databaseRelayed = regime.delayed();
                }
                plan.scenariosOf(regime).forEach(s -> routings(mode, s, regime)
                        .forEach(r -> progress.plan(plan.duration())));
            }
        }
        if (plan.baselines()) {
            progress.plan(ComparisonProgress.CLUSTER_START);
            jdbcBaselines().forEach(s -> progress.plan(plan.duration()));
            progress.plan(noopWarmup());
            progress.plan(plan.duration());
        }
    }

    /** Before anything starts: how loaded the machine is by others (null where /proc cannot be read). */
    private MachineLoad machineBefore() throws InterruptedException {
        out.printf("== how loaded the machine is before the run (%ds)%n", MACHINE_SAMPLE.toSeconds());
        var mark = MachineLoad.mark();
        Thread.sleep(MACHINE_SAMPLE.toMillis());
        return mark.flatMap(MachineLoad.Mark::since).orElse(null);
    }

    /**
     * A cluster for the plan's regimes: durable as its first regime; with the relay (at the first regime's round
     * trip) if any regime has a delay, so that one warm cluster serves every regime.
     */
    private LocalCluster startCluster(Path reportDir, String name, Mode mode) {
        progress.begin(String.format("%s: starting %d node(s) with a fresh database", name, plan.nodes()));
        LedgerHome clusterHome = home.nested(reportDir.resolve("work").resolve(name));
        Regime first = plan.regimes().get(0);
        ClusterOptions up = new ClusterOptions(mode, plan.nodes(), plan.basePort(), false, false, true,
                first.durable(), false, plan.relayed() ? first.rtt() : null);
        // Nodes left on these ports (by a cluster of ./ledger up, or a compare killed with SIGKILL) would answer in
        // place of the fresh ones.
        LocalCluster.requireFreePorts(clusterHome, up);
        LocalCluster cluster = new LocalCluster(clusterHome, up);
        // Ctrl-C or SIGTERM stops the nodes and PostgreSQL too (stop() is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "compare-" + name + "-stop"));
        return cluster;
    }

    /**
     * Puts the cluster in {@code regime}: PostgreSQL restarted if its durability changes, or whether the nodes reach
     * it through the relay (only a delay puts it there; then load until the nodes are back to work), and the first
     * time any cluster enters it, its figures noted.
     */
    private void enter(Regime regime, LocalCluster cluster, Mode mode, List<String> urls, List<String> advertised)
            throws IOException, InterruptedException {
        if (cluster.databaseRegime(regime.durable(), regime.delayed())) {
            progress.begin(mode.value() + " settling after PostgreSQL's restart");
            new LoadRun(settings(Scenario.UNIFORM, Routing.ANY, SETTLE, LoadRun.Model.CLOSED), urls, advertised)
                    .run(null, mode.value() + " settle", out);
        }
        if (!regimes.containsKey(regime.name())) {
            ClusterDatabase database = ClusterDatabase.of(cluster);
            regimes.put(regime.name(), new Summary.RegimeFigures(regime.name(), ms(regime.rtt()), regime.durable(),
                    cluster.databaseRelayed() ? "relay" : "straight",
                    database.show("fsync"), database.show("synchronous_commit"), database.commitMillis()));
        }
    }

    /**
     * A mode with a leader runs every scenario with leader-aware clients, and uniform in one regime (the laptop, if
     * the plan has it: what forwarding costs is CPU) also with clients on every node, so that what forwarding costs
     * stays visible beside it; a database mode's nodes are all alike.
     */
    private List<Routing> routings(Mode mode, Scenario scenario, Regime regime) {
        if (!mode.hasLeader()) {
            return List.of(Routing.ANY);
        }
        return scenario == Scenario.UNIFORM && regime.equals(plan.anyNodeRegime())
                ? List.of(Routing.LEADER, Routing.ANY) : List.of(Routing.LEADER);
    }

    private Summary.Run runScenario(LocalCluster cluster, Mode mode, Regime regime, Scenario scenario,
            Routing routing, List<String> urls, List<String> advertised) throws InterruptedException, IOException {
        var settings = settings(scenario, routing, plan.duration(), plan.model());
        Runnable fault = scenario == Scenario.FAILOVER ? () -> killOne(cluster, mode) : null;
        Summary.Relay relay = setRelay(cluster, regime);
        String label = mode.value() + " " + scenario.value()
                + (mode.hasLeader() ? " " + routing.name().toLowerCase(Locale.ROOT) : "");
        RunStats stats = new LoadRun(settings, urls, advertised).run(fault, label, out, measured(cluster));
        if (scenario == Scenario.FAILOVER) {
            restartDead(cluster);
        }
        return Runs.summarize(mode.value(), regime.name(), settings, stats, relay, ServiceAudit.of(urls));
    }

    /**
     * The relay set to the regime's round trip on the idle cluster (calibrated: its own hop costs less once its JIT
     * is warm), and the round trip measured then; null without a relay.
     */
    private Summary.Relay setRelay(LocalCluster cluster, Regime regime) throws IOException {
        Optional<RelayProcess> relay = cluster.relay();
        if (relay.isEmpty()) {
            return null;
        }
        double measured = ms(relay.get().roundTrip(regime.rtt()));
        out.printf("   relay: round trip %.3f ms measured, %.3f ms set%n", measured, ms(regime.rtt()));
        return new Summary.Relay(ms(regime.rtt()), measured);
    }

    /** The cluster's process groups whose CPU a run measures, and its relay's apart. */
    private static List<ProcessCpu.Group> measured(LocalCluster cluster) {
        List<ProcessCpu.Group> groups = new ArrayList<>(cluster.processes().entrySet().stream()
                .map(group -> new ProcessCpu.Group(group.getKey(), group.getValue(),
                        group.getKey().equals(LocalCluster.POSTGRES_GROUP))).toList());
        cluster.relay().ifPresent(relay -> groups.add(new ProcessCpu.Group(ProcessCpu.RELAY, List.of(relay.pid()),
                false)));
        return groups;
    }

    private LoadRun.Settings settings(Scenario scenario, Routing routing, Duration duration, LoadRun.Model model) {
        return new LoadRun.Settings(scenario, model, routing, duration, plan.ratePerSec(), plan.clients(),
                ComparisonPlan.ACCOUNT_PREFIX, plan.accounts(), MAX_AMOUNT, plan.seed());
    }

    /** A mode with a leader: SIGKILL the leader; the database modes have none, so SIGKILL the last node. */
    private static void killOne(LocalCluster cluster, Mode mode) {
        try {
            NodeSpec victim = mode.hasLeader()
                    ? cluster.leader().map(LocalCluster.Leader::node).orElseThrow(
                            () -> new CommandFailedException("no " + mode.value() + " leader to kill"))
                    : cluster.nodeSpecs().get(cluster.nodeSpecs().size() - 1);
            cluster.kill(victim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void restartDead(LocalCluster cluster) throws IOException {
        for (NodeSpec node : cluster.nodeSpecs()) {
            if (!cluster.isAlive(node)) {
                cluster.restart(node);
            }
        }
    }

    private List<Summary.Baseline> runBaselines(Path reportDir) throws IOException, InterruptedException {
        LocalCluster cluster = startCluster(reportDir, "baselines", Mode.PESSIMISTIC);
        try {
            cluster.start();
            ClusterDatabase.seedAccounts(cluster, plan.accounts());
            ClusterDatabase db = ClusterDatabase.of(cluster);
            List<Summary.Baseline> baselines = new ArrayList<>();
            for (ModeStatements statements : jdbcBaselines()) {
                progress.begin(String.format("baseline %s: %d connections for %ds", statements.baselineName(),
                        plan.clients(), plan.duration().toSeconds()));
                double jdbc = Baselines.jdbcTransfersPerSec(statements, db.url(), db.user(), db.password(),
                        ComparisonPlan.ACCOUNT_PREFIX, plan.accounts(), plan.clients(), plan.duration(), plan.seed());
                baselines.add(new Summary.Baseline(statements.baselineName(), jdbc, null));
            }
            // Fresh JVMs answer a fraction of what warm ones do: a ceiling is measured warm, like the modes.
            progress.begin(String.format("baseline http-noop warm-up: %ds", noopWarmup().toSeconds()));
            Baselines.httpNoopRequestsPerSec(nodeUrls(cluster), plan.clients(), noopWarmup());
            progress.begin(String.format("baseline http-noop: %d clients for %ds", plan.clients(),
                    plan.duration().toSeconds()));
            double noop = Baselines.httpNoopRequestsPerSec(nodeUrls(cluster), plan.clients(), plan.duration());
            baselines.add(new Summary.Baseline("http-noop", null, noop));
            return baselines;
        } finally {
            cluster.stop();
        }
    }

    /**
     * jdbc-transfer (the pessimistic mode's statements: the database limit every mode is read against, raft too),
     * and the own statements of every other database mode in the run.
     */
    private List<ModeStatements> jdbcBaselines() {
        List<ModeStatements> baselines = new ArrayList<>(List.of(ModeStatements.PESSIMISTIC));
        plan.modes().stream().map(ModeStatements::of).flatMap(Optional::stream)
                .filter(s -> !baselines.contains(s)).forEach(baselines::add);
        return baselines;
    }

    private Duration noopWarmup() {
        return plan.warmup().compareTo(NOOP_WARMUP_MAX) < 0 ? plan.warmup() : NOOP_WARMUP_MAX;
    }

    private static List<String> nodeUrls(LocalCluster cluster) {
        return cluster.nodeSpecs().stream().map(NodeSpec::httpUrl).toList();
    }

    /** The URLs under which the nodes name themselves as leader, in the same order (behind a relay, its ports). */
    private static List<String> advertisedUrls(LocalCluster cluster) {
        return cluster.nodeSpecs().stream().map(cluster::advertisedUrl).toList();
    }

    private Summary.Environment environment(ClusterDatabase database, String stamp, String gitSha,
            MachineLoad machineBefore) throws IOException {
        return new Summary.Environment(Runtime.getRuntime().availableProcessors(), gitSha,
                database.show("server_version"), true, plan.nodes(), plan.accounts(), plan.seed(), plan.clients(),
                stamp, machineBefore);
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
