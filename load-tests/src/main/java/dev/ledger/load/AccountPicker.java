package dev.ledger.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Chooses the two accounts of each transfer for a scenario, from a seed, so that runs repeat. */
final class AccountPicker {

    private final int accounts;
    private final boolean hot;
    /** Zipf scenarios: the cumulative share of accounts 0..i, account 0 the most popular; null otherwise. */
    private final double[] zipfCumulative;
    private final SplittableRandom random;

    AccountPicker(int accounts, Scenario scenario, long seed) {
        if (accounts < Scenario.HOT_ACCOUNTS + 1) {
            throw new IllegalArgumentException("need more than " + Scenario.HOT_ACCOUNTS + " accounts");
        }
        this.accounts = accounts;
        this.hot = scenario == Scenario.HOT;
        this.zipfCumulative = scenario.zipfExponent() > 0 ? zipfCumulative(accounts, scenario.zipfExponent()) : null;
        this.random = new SplittableRandom(seed);
    }

    /** Account i (0-based) has weight 1 / (i + 1)^exponent. */
    private static double[] zipfCumulative(int accounts, double exponent) {
        double[] cumulative = new double[accounts];
        double sum = 0;
        for (int i = 0; i < accounts; i++) {
            sum += Math.pow(i + 1, -exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < accounts; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /**
     * Account numbers {from, to}, distinct, in [0, accounts); hot accounts are numbers 0-9, and in a Zipf scenario
     * account 0 is the most popular, then 1, and so on.
     */
    synchronized int[] next() {
        if (zipfCumulative != null) {
            int from = zipf();
            int to = zipf();
            while (to == from) {
                to = zipf();
            }
            return new int[] {from, to};
        }
        int range = hot && random.nextDouble() < Scenario.HOT_SHARE ? Scenario.HOT_ACCOUNTS : accounts;
        int from = random.nextInt(range);
        int to = random.nextInt(range - 1);
        return new int[] {from, to >= from ? to + 1 : to};
    }

    private int zipf() {
        int found = Arrays.binarySearch(zipfCumulative, random.nextDouble());
        return Math.min(found >= 0 ? found : -found - 1, accounts - 1);
    }

    synchronized long amount(long max) {
        return 1 + random.nextLong(max);
    }

    synchronized double nextDouble() {
        return random.nextDouble();
    }

    static String accountId(String prefix, int number) {
        return prefix + number;
    }
}
