package dev.ledger.load;

import java.util.SplittableRandom;

/** Chooses the two accounts of each transfer for a scenario, from a seed, so that runs repeat. */
final class AccountPicker {

    private final int accounts;
    private final boolean hot;
    private final SplittableRandom random;

    AccountPicker(int accounts, Scenario scenario, long seed) {
        if (accounts < Scenario.HOT_ACCOUNTS + 1) {
            throw new IllegalArgumentException("need more than " + Scenario.HOT_ACCOUNTS + " accounts");
        }
        this.accounts = accounts;
        this.hot = scenario == Scenario.HOT;
        this.random = new SplittableRandom(seed);
    }

    /** Account numbers {from, to}, distinct, in [0, accounts); hot accounts are numbers 0-9. */
    synchronized int[] next() {
        int range = hot && random.nextDouble() < Scenario.HOT_SHARE ? Scenario.HOT_ACCOUNTS : accounts;
        int from = random.nextInt(range);
        int to = random.nextInt(range - 1);
        return new int[] {from, to >= from ? to + 1 : to};
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
