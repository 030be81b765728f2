package dev.ledger.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The consistency strategies; exactly one is active per service, chosen by {@code ledger.mode}. */
public enum Mode {
    PESSIMISTIC, OPTIMISTIC, IDEMPOTENT, RAFT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the configured mode, or fails with a message that names every valid value. */
    public static Mode parse(String configured) {
        String valid = Arrays.stream(values()).map(Mode::value).collect(Collectors.joining(", "));
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("ledger.mode (env LEDGER_MODE) is not set; valid values: " + valid);
        }
        for (Mode mode : values()) {
            if (mode.value().equals(configured.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalStateException(
                "ledger.mode (env LEDGER_MODE) is '" + configured + "'; valid values: " + valid);
    }
}
