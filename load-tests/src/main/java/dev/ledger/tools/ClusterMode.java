package dev.ledger.tools;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The consistency strategy a cluster runs; its CLI name is also the service's {@code LEDGER_MODE}. */
enum ClusterMode {
    RAFT, OPTIMISTIC, PESSIMISTIC, IDEMPOTENT;

    @JsonValue
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static ClusterMode fromCliName(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.cliName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown mode '" + name + "' (expected " + choices() + ")"));
    }

    /** "raft|optimistic|pessimistic|idempotent", for usage and error messages. */
    static String choices() {
        return Arrays.stream(values()).map(ClusterMode::cliName).collect(Collectors.joining("|"));
    }
}
