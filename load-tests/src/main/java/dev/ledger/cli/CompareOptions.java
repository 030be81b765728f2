package dev.ledger.cli;

import dev.ledger.contract.Mode;
import dev.ledger.load.LoadRun;
import dev.ledger.load.Scenario;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./ledger compare} options; every run is bounded by {@code duration}. {@code durable}: the clusters' embedded
 * PostgreSQL syncs every commit to disk (see {@link dev.ledger.cluster.ClusterOptions}).
 */
public record CompareOptions(List<Mode> modes, List<Scenario> scenarios, Duration duration, Duration warmup,
        LoadRun.Model model, int ratePerSec, int clients, int accounts, int nodes, int basePort, long seed,
        boolean durable) {

    static final String USAGE = "compare [--modes raft,pessimistic,optimistic,idempotent]"
            + " [--scenarios uniform,hot,retry,failover] [--duration 20s] [--warmup 5m]"
            + " [--model closed|open]"
            + " [--rate 500] [--clients 32] [--accounts 10000] [--nodes 3] [--base-port 18081] [--seed 42]"
            + " [--durable]";

    public static CompareOptions parse(List<String> args) throws UsageException {
        List<Mode> modes = List.of(Mode.RAFT, Mode.PESSIMISTIC, Mode.OPTIMISTIC,
                Mode.IDEMPOTENT);
        List<Scenario> scenarios = List.of(Scenario.values());
        Duration duration = Duration.ofSeconds(20);
        // On two cores, three fresh service JVMs need minutes of load before their JIT compilers are done
        // (CompareCommand.warmUp).
        Duration warmup = Duration.ofMinutes(5);
        LoadRun.Model model = LoadRun.Model.CLOSED;
        int rate = 500;
        int clients = 32;
        int accounts = 10_000;
        int nodes = 3;
        int basePort = 18_081;
        long seed = 42;
        boolean durable = false;
        Deque<String> remaining = new ArrayDeque<>(args);
        while (!remaining.isEmpty()) {
            String option = remaining.poll();
            if (option.equals("--durable")) {
                durable = true;
                continue;
            }
            String value = remaining.poll();
            if (value == null) {
                throw new UsageException(option + " needs a value");
            }
            try {
                switch (option) {
                    case "--modes" -> modes = Arrays.stream(value.split(",")).map(Mode::fromValue).toList();
                    case "--scenarios" -> scenarios = Arrays.stream(value.split(",")).map(Scenario::parse).toList();
                    case "--duration" -> duration = seconds(value);
                    case "--warmup" -> warmup = seconds(value);
                    case "--model" -> model = LoadRun.Model.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--rate" -> rate = positive(value);
                    case "--clients" -> clients = positive(value);
                    case "--accounts" -> accounts = positive(value);
                    case "--nodes" -> nodes = positive(value);
                    case "--base-port" -> basePort = positive(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new UsageException("unknown option " + option);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad value for " + option + ": " + value);
            }
        }
        return new CompareOptions(modes, scenarios, duration, warmup, model, rate, clients, accounts, nodes,
                basePort, seed, durable);
    }

    /** "20s", "1m" or plain seconds. */
    private static Duration seconds(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("m")) {
            return Duration.ofMinutes(positive(v.substring(0, v.length() - 1)));
        }
        return Duration.ofSeconds(positive(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
    }

    private static int positive(String value) {
        int parsed = Integer.parseInt(value.trim());
        if (parsed <= 0) {
            throw new IllegalArgumentException("not positive: " + value);
        }
        return parsed;
    }
}
