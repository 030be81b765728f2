package dev.ledger.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as k6 takes them: {@code 20s}, {@code 5m}, {@code 1m30s}, {@code 1h}, {@code 500ms}, {@code 1.5s}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+");
    private static final Map<String, Duration> UNITS = Map.of("ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1),
            "m", Duration.ofMinutes(1), "h", Duration.ofHours(1));

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (!WHOLE.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (like 20s, 5m, 1m30s or 500ms)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1))
                    .multiply(BigDecimal.valueOf(UNITS.get(part.group(2)).toNanos())));
        }
        if (nanos.signum() == 0) {
            throw new TypeConversionException("'" + value + "' is no time at all");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
