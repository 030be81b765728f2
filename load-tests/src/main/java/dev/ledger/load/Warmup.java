package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The same warm-up for every mode: closed-model load on the fresh cluster in rounds of {@link #ROUND}, until every
 * node's JIT compilers spent less than {@link #COMPILERS_QUIET_SHARE} of a round compiling (after at least
 * {@link #MIN}), or the plan's most warm-up runs out. What the compilers still do afterwards shows in each run's
 * {@code jit} column; the production regime runs first, where the figures are bound by round trips and commits, not
 * by CPU. Until the compilers are quiet a figure measures them: three
 * fresh JVMs on two cores compile for minutes, in steps. Measured (raft, uniform, compiler threads at nice -10): 5-9 s
 * of compiling per node in each 10 s for the first minute, 2-3 s at 100 s, under 1 s from 140 s on, while committed/s
 * rose from 88 to 500-650; pessimistic went from 650-800 to 935/s in the window where its compilers went quiet
 * (150 s). Waiting for a plateau of committed/s instead was tried and fooled by the steps.
 */
final class Warmup {

    /** Warm-up load comes in rounds this long; the compilers' time in each round says whether the nodes are warm. */
    private static final Duration ROUND = Duration.ofSeconds(20);
    /**
     * Quiet: under two seconds of compiling per node in a 20 s round. Measured (raft, 3 nodes, 2026-12-04), the
     * busiest node's seconds per round: 13.0, 11.5, 7.2, 2.6, 3.4, 1.5, 0.3, 0.2: quiet at 120 s, where waiting for
     * under one second twice took 160 s.
     */
    private static final double COMPILERS_QUIET_SHARE = 0.1;
    /** A minute of load comes first whatever the compilers do. */
    private static final Duration MIN = Duration.ofMinutes(1);

    private final JitActivity jit = new JitActivity();
    private final PrintStream out;

    Warmup(PrintStream out) {
        this.out = out;
    }

    /** Warms the nodes at {@code urls} with {@code load}'s settings, each round {@link #ROUND} long. */
    Summary.Warmup run(Mode mode, Duration most, List<String> urls, List<String> advertisedUrls,
            Function<Duration, LoadRun.Settings> load) throws InterruptedException {
        long start = System.nanoTime();
        Optional<List<Long>> before = jit.compileMillis(urls);
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration left = most.minus(elapsed);
            if (left.isNegative() || left.isZero()) {
                return new Summary.Warmup(mode.value(), elapsed.toSeconds(), false);
            }
            Duration round = left.compareTo(ROUND) < 0 ? left : ROUND;
            new LoadRun(load.apply(round), urls, advertisedUrls).run(null, mode.value() + " warm-up", out);
            Optional<List<Long>> after = jit.compileMillis(urls);
            elapsed = Duration.ofNanos(System.nanoTime() - start);
            Optional<Long> busiest = busiestCompilers(before, after);
            busiest.ifPresent(ms -> out.printf("   compilers: at most %d ms per node in the last %d s%n", ms,
                    round.toSeconds()));
            boolean quiet = busiest.isPresent() && busiest.get() < COMPILERS_QUIET_SHARE * round.toMillis();
            if (quiet && elapsed.compareTo(MIN) >= 0) {
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
}
