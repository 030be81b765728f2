package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Little's law allows a locking mode on a skewed workload: a row that a transfer holds for a time T admits at
 * most 1 / T transfers a second, however many clients and nodes, so if a share s of all transfers touch the busiest
 * account, the mode commits at most 1 / (T s) a second. T is counted in round trips between node and database,
 * from the moment the row is taken to the end of the commit, plus the commit's own time (its flush to disk, when
 * durable); the statements are those of {@link ModeStatements}:
 * <ul>
 * <li>pessimistic: locked by its SELECT ... FOR NO KEY UPDATE, then the answer goes back, the write comes, and the
 * commit: 2 round trips;</li>
 * <li>idempotent: the debit's UPDATE locks the first row, then the credit, the record and the commit: 3 for the row
 * updated first, which is the busiest (rows are updated in id order, and the busiest is acc0);</li>
 * <li>optimistic: no lock is waited for, but a transfer commits only if nobody changed its rows between its read and
 * its version-checked write: from the read to the commit, 3 round trips (read, record, write) in which another commit
 * on the row costs a retry.</li>
 * </ul>
 * A ceiling, not a forecast: CPU, the other rows and retries take from it.
 */
final class LockCeiling {

    private static final Map<Mode, Integer> ROUND_TRIPS_HOLDING_THE_ROW = Map.of(Mode.PESSIMISTIC, 2,
            Mode.IDEMPOTENT, 3, Mode.OPTIMISTIC, 3);
    /** Transfers drawn to find a scenario's busiest account. */
    private static final int DRAWS = 100_000;
    /** Below this share of transfers on its busiest account a workload is not skewed: no ceiling to speak of. */
    private static final double SKEWED_SHARE = 0.05;
    private static final Map<String, Double> BUSIEST_SHARES = new ConcurrentHashMap<>();

    private LockCeiling() {
    }

    /**
     * The ceiling of {@code mode} on {@code scenario} when node and database are {@code rttMs} apart and a commit
     * takes {@code commitMs}; empty for a mode that locks no rows, a workload that is not skewed, or no round trip.
     */
    static Optional<Double> perSecond(Mode mode, Scenario scenario, int accounts, long seed, double rttMs,
            double commitMs) {
        Integer roundTrips = ROUND_TRIPS_HOLDING_THE_ROW.get(mode);
        if (roundTrips == null || rttMs <= 0) {
            return Optional.empty();
        }
        double share = busiestShare(scenario, accounts, seed);
        if (share < SKEWED_SHARE) {
            return Optional.empty();
        }
        double holdMs = roundTrips * rttMs + commitMs;
        return Optional.of(Math.round(1000 / (holdMs * share) * 10) / 10.0);
    }

    /** The share of a scenario's transfers that touch its busiest account, drawn as the driver draws them. */
    static double busiestShare(Scenario scenario, int accounts, long seed) {
        return BUSIEST_SHARES.computeIfAbsent(scenario + "/" + accounts + "/" + seed, key -> {
            AccountPicker picker = new AccountPicker(accounts, scenario, seed);
            int[] touches = new int[accounts];
            for (int i = 0; i < DRAWS; i++) {
                int[] pair = picker.next();
                touches[pair[0]]++;
                touches[pair[1]]++;
            }
            int busiest = 0;
            for (int count : touches) {
                busiest = Math.max(busiest, count);
            }
            return busiest / (double) DRAWS;
        });
    }
}
