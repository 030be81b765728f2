package dev.ledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.cluster.ClusterOptions;
import dev.ledger.cluster.ClusterState;
import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.Json;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.LocalCluster;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import dev.ledger.load.Baselines;
import dev.ledger.load.JitActivity;
import dev.ledger.load.LoadRun;
import dev.ledger.load.MachineLoad;
import dev.ledger.load.ModeStatements;
import dev.ledger.load.ProcessCpu;
import dev.ledger.load.ReportWriter;
import dev.ledger.load.Routing;
import dev.ledger.load.RunStats;
import dev.ledger.load.Runs;
import dev.ledger.load.Scenario;
import dev.ledger.load.Summary;
import dev.ledger.network.RelayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./ledger compare}: for each mode a fresh cluster (its own database) with the same number of nodes, the
 * accounts, a warm-up, each scenario in turn with the audit after it; then the two baselines; then the table,
 * {@code reports/<stamp>/summary.json}, {@code report.md} and {@code chart.svg}, and last the verdict as one JSON
 * line ({@link CompareVerdict}).
 */
@Command(name = "compare", sortOptions = false, description = {
        "The comparison: each mode on a fresh cluster, each scenario, the audit after each, and the baselines (each"
                + " database mode's own SQL over JDBC, a no-op HTTP POST).",
        "A mode with a leader runs with leader-aware clients, and uniform also with clients on every node (followers"
                + " forward). Each run's CPU per committed transfer is measured by process group from /proc.",
        "Prints the table and the ratios, writes reports/<stamp>/, and ends with one JSON line: the verdict.",
        "Exits 1 when an audit was not clean or a replay differed."})
public final class CompareCommand implements Callable<Integer> {

    /** Accounts are numbered "acc0".."accN-1"; the hot ones are acc0-acc9. */
    static final String ACCOUNT_PREFIX = "acc";
    /** The no-op path is short: a minute of load compiles it (measured: 4k/s cold, 12k/s warm on 3 nodes). */
    private static final Duration NOOP_WARMUP_MAX = Duration.ofMinutes(1);
    private static final long OPENING_BALANCE = 1_000_000;
    /** Transfers of up to 1% of an opening balance: hot accounts drain sometimes, and some transfers are refused. */
    private static final long MAX_AMOUNT = 10_000;
    private static final String EMBEDDED_USER = "postgres";
    /** Warm-up load comes in rounds this long; the compilers' time in each round says whether the nodes are warm. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(20);
    /**
     * Quiet: under a second of compiling per node in a 20 s round, twice in a row (a compiler may idle for a moment
     * between two steps).
     */
    private static final double COMPILERS_QUIET_SHARE = 0.05;
    private static final int QUIET_ROUNDS = 2;
    /** A minute of load comes first whatever the compilers do. */
    private static final Duration WARMUP_MIN = Duration.ofMinutes(1);
    /** How long the machine's load is sampled before anything starts: what else runs there. */
    private static final Duration MACHINE_SAMPLE = Duration.ofSeconds(5);

    private final LedgerHome home;
    private final HttpClient http = HttpClient.newHttpClient();
    private final CompareProgress progress = new CompareProgress(System.out);
    private final JitActivity jit = new JitActivity();

    @Mixin
    private CompareOptions options;

    public CompareCommand(LedgerHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        options.validate();
        CompareVerdict verdict = run(options);
        System.out.println(Json.oneLine(verdict));
        return verdict.ok() ? LedgerCli.EXIT_OK : LedgerCli.EXIT_FAILED;
    }

    private CompareVerdict run(CompareOptions options) throws IOException, InterruptedException {
        LocalCluster.requireServiceJar(home);
        // Every mode's cluster lives under the report directory but runs this repository's service build.
        System.setProperty(LedgerHome.SERVICE_JAR_PROPERTY, home.serviceJar().toString());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path reportDir = home.reportsDir().resolve(stamp);
        List<Summary.Run> runs = new ArrayList<>();
        List<Summary.Warmup> warmups = new ArrayList<>();
        plan(options);
        MachineLoad machineBefore = machineBefore();
        Summary.Environment environment = null;
        for (Mode mode : options.modes()) {
            LocalCluster cluster = startCluster(reportDir, mode.value(), mode, options);
            try {
                ClusterState state = cluster.start();
                seedAccounts(state, options.accounts());
                if (environment == null) {
                    environment = environment(state, options, stamp, machineBefore);
                }
                List<String> urls = nodeUrls(cluster);
                progress.begin(mode.value() + " warm-up");
                warmups.add(warmUp(options, urls, advertisedUrls(cluster), mode));
                for (Scenario scenario : orderedScenarios(options.scenarios())) {
                    for (Routing routing : routings(mode, scenario)) {
                        progress.begin(mode.value() + " " + scenario.value() + " (" + routing.label() + ")");
                        runs.add(runScenario(cluster, mode, scenario, routing, options, urls));
                    }
                }
            } finally {
                cluster.stop();
            }
        }
        List<Summary.Baseline> baselines = runBaselines(reportDir, options);
        Summary summary = new Summary(environment, warmups, runs, baselines);
        ReportWriter.write(reportDir, summary);
        System.out.println();
        System.out.print(ReportWriter.table(summary));
        System.out.println("\nreport: " + home.display(reportDir.resolve("report.html")) + " (open it in a browser);"
                + " beside it summary.json, timeseries.csv, report.md and chart.svg");
        return CompareVerdict.of(home.display(reportDir), summary);
    }

    /** The steps of the run in the order they come, for the progress line. */
    private void plan(CompareOptions options) {
        for (int m = 0; m < options.modes().size(); m++) {
            progress.plan(CompareProgress.CLUSTER_START);
            progress.plan(options.warmup());
            Mode mode = options.modes().get(m);
            options.scenarios().forEach(s -> routings(mode, s).forEach(r -> progress.plan(options.duration())));
        }
        progress.plan(CompareProgress.CLUSTER_START);
        jdbcBaselines(options).forEach(s -> progress.plan(options.duration()));
        progress.plan(noopWarmup(options));
        progress.plan(options.duration());
    }

    /** Before anything starts: how loaded the machine is by others (null where /proc cannot be read). */
    private static MachineLoad machineBefore() throws InterruptedException {
        System.out.printf("== how loaded the machine is before the run (%ds)%n", MACHINE_SAMPLE.toSeconds());
        var mark = MachineLoad.mark();
        Thread.sleep(MACHINE_SAMPLE.toMillis());
        return mark.flatMap(MachineLoad.Mark::since).orElse(null);
    }

    private LocalCluster startCluster(Path reportDir, String name, Mode mode, CompareOptions options) {
        progress.begin(String.format("%s: starting %d node(s) with a fresh database", name, options.nodes()));
        LedgerHome clusterHome = new LedgerHome(reportDir.resolve("work").resolve(name));
        ClusterOptions up = new ClusterOptions(mode, options.nodes(), options.basePort(), false, false, true,
                options.durable(), false, options.rtt());
        // Nodes left on these ports (by a cluster of ./ledger up, or a compare killed with SIGKILL) would answer in
        // place of the fresh ones.
        LocalCluster.requireFreePorts(clusterHome, up);
        LocalCluster cluster = new LocalCluster(clusterHome, up);
        // Ctrl-C or SIGTERM stops the nodes and PostgreSQL too (stop() is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "compare-" + name + "-stop"));
        return cluster;
    }

    /**
     * A mode with a leader runs every scenario with leader-aware clients, and uniform also with clients on every node,
     * so that what forwarding costs stays visible beside it; a database mode's nodes are all alike.
     */
    static List<Routing> routings(Mode mode, Scenario scenario) {
        if (!mode.hasLeader()) {
            return List.of(Routing.ANY);
        }
        return scenario == Scenario.UNIFORM ? List.of(Routing.LEADER, Routing.ANY) : List.of(Routing.LEADER);
    }

    /** Failover last: it leaves a node that was killed and restarted, which the other scenarios should not see. */
    private static List<Scenario> orderedScenarios(List<Scenario> scenarios) {
        List<Scenario> ordered = new ArrayList<>(scenarios.stream().filter(s -> s != Scenario.FAILOVER).toList());
        if (scenarios.contains(Scenario.FAILOVER)) {
            ordered.add(Scenario.FAILOVER);
        }
        return ordered;
    }

    /**
     * The same warm-up for every mode: closed-model load on the fresh cluster in rounds of {@link #WARMUP_ROUND},
     * until every node's JIT compilers spent less than {@link #COMPILERS_QUIET_SHARE} of a round compiling (after at
     * least {@link #WARMUP_MIN}), or {@code --warmup} (5 minutes by default) runs out. Until the compilers are quiet
     * a figure measures them: three fresh JVMs on two cores compile for minutes, in steps. Measured (raft, uniform,
     * compiler threads at nice -10): 5-9 s of compiling per node in each 10 s for the first minute, 2-3 s at 100 s,
     * under 1 s from 140 s on, while committed/s rose from 88 to 500-650; pessimistic went from 650-800 to 935/s in
     * the window where its compilers went quiet (150 s). Waiting for a plateau of committed/s instead was tried and
     * fooled by the steps.
     */
    private Summary.Warmup warmUp(CompareOptions options, List<String> urls, List<String> advertisedUrls, Mode mode)
            throws InterruptedException {
        long start = System.nanoTime();
        Optional<List<Long>> before = jit.compileMillis(urls);
        int quietRounds = 0;
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration left = options.warmup().minus(elapsed);
            if (left.isNegative() || left.isZero()) {
                return new Summary.Warmup(mode.value(), elapsed.toSeconds(), false);
            }
            Duration round = left.compareTo(WARMUP_ROUND) < 0 ? left : WARMUP_ROUND;
            // Clients on every node: in a leader mode both the leader's and the forwarding path get compiled.
            var settings = settings(options, Scenario.UNIFORM, Routing.ANY, round, LoadRun.Model.CLOSED);
            new LoadRun(settings, urls, advertisedUrls).run(null, mode.value() + " warm-up", System.out);
            Optional<List<Long>> after = jit.compileMillis(urls);
            elapsed = Duration.ofNanos(System.nanoTime() - start);
            Optional<Long> busiest = busiestCompilers(before, after);
            busiest.ifPresent(ms -> System.out.printf("   compilers: at most %d ms per node in the last %d s%n", ms,
                    round.toSeconds()));
            boolean quiet = busiest.isPresent() && busiest.get() < COMPILERS_QUIET_SHARE * round.toMillis();
            quietRounds = quiet ? quietRounds + 1 : 0;
            if (quietRounds >= QUIET_ROUNDS && elapsed.compareTo(WARMUP_MIN) >= 0) {
                return new Summary.Warmup(mode.value(), elapsed.toSeconds(), true);
            }
            before = after;
        }
    }

    /** The most any node compiled between two readings; empty if a node did not tell. */
    private static Optional<Long> busiestCompilers(Optional<List<Long>> before, Optional<List<Long>> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        long busiest = 0;
        for (int i = 0; i < before.get().size(); i++) {
            busiest = Math.max(busiest, after.get().get(i) - before.get().get(i));
        }
        return Optional.of(busiest);
    }

    private Summary.Run runScenario(LocalCluster cluster, Mode mode, Scenario scenario, Routing routing,
            CompareOptions options, List<String> urls) throws InterruptedException, IOException {
        var settings = settings(options, scenario, routing, options.duration(), options.model());
        Runnable fault = scenario == Scenario.FAILOVER ? () -> killOne(cluster, mode) : null;
        Summary.Relay relay = relay(cluster);
        long start = System.nanoTime();
        String label = mode.value() + " " + scenario.value()
                + (mode.hasLeader() ? " " + routing.name().toLowerCase(Locale.ROOT) : "");
        RunStats stats = new LoadRun(settings, urls, advertisedUrls(cluster)).run(fault, label, System.out,
                measured(cluster));
        Duration measured = Duration.ofNanos(System.nanoTime() - start);
        if (scenario == Scenario.FAILOVER) {
            restartDead(cluster);
        }
        return Runs.summarize(mode.value(), settings, measured, stats, relay, audit(urls));
    }

    /** The relay's round trip, set and measured on the idle cluster; null without a relay. */
    private static Summary.Relay relay(LocalCluster cluster) throws IOException {
        if (cluster.relay().isEmpty()) {
            return null;
        }
        RelayProcess relay = cluster.relay().get();
        double measured = relay.measureAddedRoundTrip().toNanos() / 1e6;
        System.out.printf("   relay: round trip %.3f ms measured, %.3f ms set%n", measured,
                relay.roundTrip().toNanos() / 1e6);
        return new Summary.Relay(relay.roundTrip().toNanos() / 1e6, measured);
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

    private LoadRun.Settings settings(CompareOptions options, Scenario scenario, Routing routing, Duration duration,
            LoadRun.Model model) {
        return new LoadRun.Settings(scenario, model, routing, duration, options.ratePerSec(), options.clients(),
                ACCOUNT_PREFIX, options.accounts(), MAX_AMOUNT, options.seed());
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

    /** The service's own audit, from the first node that answers. */
    private Summary.Audit audit(List<String> urls) throws InterruptedException {
        for (String url : urls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/ledger/audit"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode audit = Json.MAPPER.readTree(response.body());
                    return new Summary.Audit(audit.path("ok").asBoolean(), ok(audit, "moneyConserved"),
                            ok(audit, "noNegative"), ok(audit, "entriesMatch"), ok(audit, "transfersBalanced"),
                            ok(audit, "keysOnce"));
                }
            } catch (IOException unreachable) {
                // next node
            }
        }
        return new Summary.Audit(false, false, false, false, false, false);
    }

    private static boolean ok(JsonNode audit, String invariant) {
        return audit.path(invariant).path("ok").asBoolean();
    }

    private List<Summary.Baseline> runBaselines(Path reportDir, CompareOptions options)
            throws IOException, InterruptedException {
        LocalCluster cluster = startCluster(reportDir, "baselines", Mode.PESSIMISTIC, options);
        try {
            ClusterState state = cluster.start();
            seedAccounts(state, options.accounts());
            Credentials db = credentials(state);
            List<Summary.Baseline> baselines = new ArrayList<>();
            for (ModeStatements statements : jdbcBaselines(options)) {
                progress.begin(String.format("baseline %s: %d connections for %ds", statements.baselineName(),
                        options.clients(), options.duration().toSeconds()));
                double jdbc = Baselines.jdbcTransfersPerSec(statements, db.url(), db.user(), db.password(),
                        ACCOUNT_PREFIX, options.accounts(), options.clients(), options.duration(), options.seed());
                baselines.add(new Summary.Baseline(statements.baselineName(), jdbc, null));
            }
            // Fresh JVMs answer a fraction of what warm ones do: a ceiling is measured warm, like the modes.
            Duration warmup = noopWarmup(options);
            progress.begin(String.format("baseline http-noop warm-up: %ds", warmup.toSeconds()));
            Baselines.httpNoopRequestsPerSec(nodeUrls(cluster), options.clients(), warmup);
            progress.begin(String.format("baseline http-noop: %d clients for %ds", options.clients(),
                    options.duration().toSeconds()));
            double noop = Baselines.httpNoopRequestsPerSec(nodeUrls(cluster), options.clients(), options.duration());
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
    private static List<ModeStatements> jdbcBaselines(CompareOptions options) {
        List<ModeStatements> baselines = new ArrayList<>(List.of(ModeStatements.PESSIMISTIC));
        options.modes().stream().map(ModeStatements::of).flatMap(Optional::stream)
                .filter(s -> !baselines.contains(s)).forEach(baselines::add);
        return baselines;
    }

    private static Duration noopWarmup(CompareOptions options) {
        return options.warmup().compareTo(NOOP_WARMUP_MAX) < 0 ? options.warmup() : NOOP_WARMUP_MAX;
    }

    private static List<String> nodeUrls(LocalCluster cluster) {
        return cluster.nodeSpecs().stream().map(NodeSpec::httpUrl).toList();
    }

    /** The URLs under which the nodes name themselves as leader, in the same order (behind a relay, its ports). */
    private static List<String> advertisedUrls(LocalCluster cluster) {
        return cluster.nodeSpecs().stream().map(cluster::advertisedUrl).toList();
    }

    /** Accounts straight into the database: 10,000 through the API would take longer than a run. */
    private static void seedAccounts(ClusterState state, int accounts) throws IOException {
        Credentials db = credentials(state);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement insert = c.prepareStatement("INSERT INTO account (id, balance, opening_balance)"
                        + " SELECT ? || g, ?, ? FROM generate_series(0, ? - 1) g ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, ACCOUNT_PREFIX);
            insert.setLong(2, OPENING_BALANCE);
            insert.setLong(3, OPENING_BALANCE);
            insert.setInt(4, accounts);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("could not create the accounts", e);
        }
    }

    private Summary.Environment environment(ClusterState state, CompareOptions options, String stamp,
            MachineLoad machineBefore) throws IOException, InterruptedException {
        Credentials db = credentials(state);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            return new Summary.Environment(Runtime.getRuntime().availableProcessors(), gitSha(),
                    show(c, "server_version"), show(c, "fsync"), show(c, "synchronous_commit"), true,
                    options.nodes(), options.accounts(), options.seed(), options.clients(), stamp, machineBefore);
        } catch (SQLException e) {
            throw new IOException("could not read the database settings", e);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (PreparedStatement show = c.prepareStatement("SHOW " + setting); ResultSet row = show.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private String gitSha() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(home.root().toFile())
                    .redirectErrorStream(true).start();
            String sha = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? sha : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    record Credentials(String url, String user, String password) {
    }

    /** The embedded database trusts any password; an external one is given by the standard variables. */
    private static Credentials credentials(ClusterState state) {
        if (state.database().embeddedPostgres() != null) {
            return new Credentials(state.database().jdbcUrl(), EMBEDDED_USER, EMBEDDED_USER);
        }
        Map<String, String> env = System.getenv();
        return new Credentials(state.database().jdbcUrl(), env.get(NodeEnvironment.DATABASE_USERNAME),
                env.get(NodeEnvironment.DATABASE_PASSWORD));
    }
}
