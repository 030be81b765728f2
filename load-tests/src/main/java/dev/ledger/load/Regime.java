package dev.ledger.load;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a comparison's clusters run: the round trip of every link between two of their processes (through the delay
 * relay) and whether PostgreSQL syncs each commit to disk. Clients reach the nodes directly in both.
 */
public record Regime(String name, Duration rtt, boolean durable) {

    /** Everything on loopback, commits not synced: what a laptop shows, where CPU per request decides. */
    public static Regime laptop() {
        return new Regime("laptop", Duration.ZERO, false);
    }

    /** The database and the peers a network hop away, within a zone, and durable commits: a deployment. */
    public static Regime production(Duration rtt) {
        return new Regime("production", rtt, true);
    }

    /** Whether its links carry a delay: then they go through the relay, else the database link is straight. */
    public boolean delayed() {
        return !rtt.isZero();
    }

    /** {@code laptop} or {@code production}; the production round trip is {@code productionRtt}. */
    public static Regime parse(String name, Duration productionRtt) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "laptop" -> laptop();
            case "production" -> production(productionRtt);
            default -> throw new IllegalArgumentException("'" + name + "' is not a regime (laptop|production)");
        };
    }

    /** As the tables show it: {@code production (rtt 1 ms, durable)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (rtt %s ms, %s)", name, Runs.round(rtt.toNanos() / 1e6),
                durable ? "durable" : "fsync off");
    }
}
