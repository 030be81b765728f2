package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Little's law predicts for a locking mode on a skewed workload: a row that each transfer holds for a time T
 * admits at most 1 / T transfers a second, however many clients and nodes, so if a share s of all transfers touch the
 * busiest account, the mode commits at most 1 / (T s) a second. With a round trip R between node and database, T is
 * the hold without it, T0, plus k R, k counted from the statements of {@link ModeStatements}:
 * <ul>
 * <li>pessimistic: the row is locked by its SELECT ... FOR NO KEY UPDATE, then the answer goes back, the write comes,
 * and the commit: k = 2;</li>
 * <li>idempotent: the debit's UPDATE locks the first row, then the credit, the record and the commit: k = 3 for the
 * row updated first, which is the busiest (rows are updated in id order, and the busiest is acc0);</li>
 * <li>optimistic: no lock is waited for, but a transfer commits only if nobody changed its rows between its read and
 * its version-checked write: from the read to the commit, k = 3 (read, record, write), in which another commit on
 * the row costs a retry.</li>
 * </ul>
 * T0 is measured, where the comparison has a regime without delay: 1 / (s x its committed/s there), with the commit
 * of the regime with delay in place of its own (a durable commit may cost a flush). Without one, T0 is the commit
 * alone, and the figure is a ceiling no real node reaches. Either way CPU and the other rows take from it.
 */
final class LockModel {

    private static final Map<Mode, Integer> ROUND_TRIPS_HOLDING_THE_ROW = Map.of(Mode.PESSIMISTIC, 2,
            Mode.IDEMPOTENT, 3, Mode.OPTIMISTIC, 3);
    /** Transfers drawn to find a scenario's busiest account. */
    private static final int DRAWS = 100_000;
    /** Below this share of transfers on its busiest account a workload is not skewed: nothing to predict. */
    private static final double SKEWED_SHARE = 0.05;
    private static final Map<String, Double> BUSIEST_SHARES = new ConcurrentHashMap<>();

    private LockModel() {
    }

    /** A run without delay of the same mode and scenario: its committed/s, and its regime's commit time. */
    record WithoutDelay(double committedPerSec, double commitMs) {
    }

    /**
     * The committed/s Little's law predicts for {@code mode} on {@code scenario} when node and database are
     * {@code rttMs} apart and a commit takes {@code commitMs}; empty for a mode that locks no rows, a workload that is
     * not skewed, or no round trip.
     */
    static Optional<Double> perSecond(Mode mode, Scenario scenario, int accounts, long seed, double rttMs,
            double commitMs, Optional<WithoutDelay> withoutDelay) {
        Integer roundTrips = ROUND_TRIPS_HOLDING_THE_ROW.get(mode);
        if (roundTrips == null || rttMs <= 0) {
            return Optional.empty();
        }
        double share = busiestShare(scenario, accounts, seed);
        if (share < SKEWED_SHARE) {
            return Optional.empty();
        }
        double holdWithoutDelayMs = withoutDelay.filter(run -> run.committedPerSec() > 0)
                .map(run -> 1000 / (share * run.committedPerSec()) - run.commitMs() + commitMs).orElse(commitMs);
        double holdMs = holdWithoutDelayMs + roundTrips * rttMs;
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
