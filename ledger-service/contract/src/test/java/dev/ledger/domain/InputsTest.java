package dev.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputsTest {

    @ParameterizedTest(name = "account id [{0}] valid: {1}")
    @CsvSource(delimiter = '|', value = {
            "alice|true", "A-1_b|true", "x|true",
            "a'b|false", "a b|false", "a\"b|false", "é|false", "''|false",
            "0123456789012345678901234567890123456789012345678901234567890123|true",
            "01234567890123456789012345678901234567890123456789012345678901234|false",
    })
    void accountIds(String id, boolean valid) {
        assertEquals(valid, Inputs.isAccountId(id));
    }

    @ParameterizedTest(name = "key [{0}] valid: {1}")
    @CsvSource(delimiter = '|', value = {"k1|true", "order 42/retry|true", "' k '|true", "' '|false", "''|false",
            "ü|false"})
    void idempotencyKeys(String key, boolean valid) {
        assertEquals(valid, Inputs.isIdempotencyKey(key, 32));
    }

    @org.junit.jupiter.api.Test
    void idempotencyKeysAreBoundedInLength() {
        assertEquals(true, Inputs.isIdempotencyKey("k".repeat(8), 8));
        assertEquals(false, Inputs.isIdempotencyKey("k".repeat(9), 8));
    }
}
