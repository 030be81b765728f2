package dev.ledger.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccountPickerTest {

    @Test
    void picksDistinctAccountsInRangeAndRepeatsForASeed() {
        AccountPicker picker = new AccountPicker(1_000, Scenario.UNIFORM, 7);
        AccountPicker again = new AccountPicker(1_000, Scenario.UNIFORM, 7);
        for (int i = 0; i < 10_000; i++) {
            int[] pair = picker.next();
            assertNotEquals(pair[0], pair[1]);
            assertTrue(pair[0] >= 0 && pair[0] < 1_000 && pair[1] >= 0 && pair[1] < 1_000);
            assertArrayEquals(pair, again.next());
        }
    }

    @Test
    void hotPutsAboutEightyPercentOfTransfersOnTheTenHotAccounts() {
        AccountPicker picker = new AccountPicker(10_000, Scenario.HOT, 1);
        int hot = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int[] pair = picker.next();
            if (pair[0] < Scenario.HOT_ACCOUNTS && pair[1] < Scenario.HOT_ACCOUNTS) {
                hot++;
            }
        }
        assertEquals(0.8, hot / (double) n, 0.02);
    }

    @Test
    void zipfSkewsTowardsTheFirstAccountsAsItsExponentSays() {
        // Expected shares computed apart (a Monte Carlo of the same rule, 200,000 transfers): 0.194 and 0.868.
        assertEquals(0.194, shareWithAccountZero(Scenario.ZIPF_1), 0.01);
        assertEquals(0.868, shareWithAccountZero(Scenario.ZIPF_2), 0.01);
    }

    private static double shareWithAccountZero(Scenario scenario) {
        AccountPicker picker = new AccountPicker(10_000, scenario, 5);
        int withZero = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            int[] pair = picker.next();
            assertNotEquals(pair[0], pair[1]);
            assertTrue(pair[0] >= 0 && pair[1] >= 0 && pair[0] < 10_000 && pair[1] < 10_000);
            if (pair[0] == 0 || pair[1] == 0) {
                withZero++;
            }
        }
        return withZero / (double) n;
    }

    @Test
    void scenariosAreNamedAsTheCommandLineTakesThem() {
        assertEquals("zipf-2", Scenario.ZIPF_2.value());
        assertEquals(Scenario.ZIPF_1, Scenario.parse("zipf-1"));
    }

    @Test
    void amountsAreWithinBounds() {
        AccountPicker picker = new AccountPicker(100, Scenario.UNIFORM, 3);
        for (int i = 0; i < 1_000; i++) {
            long amount = picker.amount(10);
            assertTrue(amount >= 1 && amount <= 10, "amount " + amount);
        }
    }
}
