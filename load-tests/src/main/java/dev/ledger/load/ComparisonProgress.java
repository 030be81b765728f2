package dev.ledger.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The overall progress of a compare: which step of how many, and about how long the rest takes. The estimate is
 * the steps' planned durations (a cluster's start is guessed), scaled by how long the finished steps took against
 * their plan, so that start-ups, audits and a slow machine are counted once they show.
 */
public final class ComparisonProgress {

    /** A first guess at a fresh cluster's start (three JVMs and PostgreSQL on two cores), until one is measured. */
    static final Duration CLUSTER_START = Duration.ofSeconds(30);

    private final List<Duration> planned = new ArrayList<>();
    private final PrintStream out;
    private long startNanos;
    private int begun;

    ComparisonProgress(PrintStream out) {
        this.out = out;
    }

    /** Adds a step to the plan, before the run starts. */
    void plan(Duration duration) {
        planned.add(duration);
    }

    /** Prints the line for the next planned step, which starts now. */
    void begin(String step) {
        long now = System.nanoTime();
        if (begun == 0) {
            startNanos = now;
        }
        Duration elapsed = Duration.ofNanos(now - startNanos);
        out.printf("== [%d/%d, %s elapsed, about %s left] %s%n", begun + 1, planned.size(), format(elapsed),
                format(left(elapsed)), step);
        begun++;
    }

    /**
     * The plan of the steps not finished (the one starting now included), scaled by how long the finished ones
     * took against their plan.
     */
    Duration left(Duration elapsed) {
        Duration done = planned.subList(0, Math.min(begun, planned.size())).stream()
                .reduce(Duration.ZERO, Duration::plus);
        Duration rest = planned.subList(Math.min(begun, planned.size()), planned.size()).stream()
                .reduce(Duration.ZERO, Duration::plus);
        if (done.isZero()) {
            return rest;
        }
        return Duration.ofMillis(Math.round(rest.toMillis() * ((double) elapsed.toMillis() / done.toMillis())));
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
