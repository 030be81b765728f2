package dev.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferRulesTest {

    @ParameterizedTest(name = "from {0}, to {1}, amount {2} -> {3}")
    @CsvSource({
            "100, 0, 100, COMMIT",
            "100, 0, 1, COMMIT",
            "99, 0, 100, INSUFFICIENT_FUNDS",
            "0, 0, 1, INSUFFICIENT_FUNDS",
            "100, 9223372036854775707, 100, COMMIT",
            "100, 9223372036854775708, 100, BALANCE_OVERFLOW",
            // insufficient funds takes precedence over overflow
            "1, 9223372036854775807, 2, INSUFFICIENT_FUNDS",
    })
    void decides(long fromBalance, long toBalance, long amount, String expected) {
        Optional<RejectionReason> rejection = TransferRules.check(fromBalance, toBalance, amount);
        assertEquals(expected, rejection.map(Enum::name).orElse("COMMIT"));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void aNonPositiveAmountIsAProgrammingError(long amount) {
        assertThrows(IllegalArgumentException.class, () -> TransferRules.check(10, 10, amount));
    }
}
