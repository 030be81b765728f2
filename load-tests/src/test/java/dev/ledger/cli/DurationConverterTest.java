package dev.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsDurationsAsK6Writes() {
        assertEquals(Duration.ofSeconds(20), converter.convert("20s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofHours(1).plusMinutes(2).plusSeconds(3), converter.convert("1h2m3s"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20", "s", "1x", "-5s", "1m 30s", "0s", "5 m", "1.s"})
    void refusesAnythingElse(String value) {
        assertThrows(TypeConversionException.class, () -> converter.convert(value));
    }
}
