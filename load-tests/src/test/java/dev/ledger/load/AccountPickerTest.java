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
    void amountsAreWithinBounds() {
        AccountPicker picker = new AccountPicker(100, Scenario.UNIFORM, 3);
        for (int i = 0; i < 1_000; i++) {
            long amount = picker.amount(10);
            assertTrue(amount >= 1 && amount <= 10, "amount " + amount);
        }
    }
}
