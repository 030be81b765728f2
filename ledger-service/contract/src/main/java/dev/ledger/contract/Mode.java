package dev.ledger.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The consistency strategies; exactly one is active per service, chosen by {@code ledger.mode}. Its value is also
 * the launcher's {@code --mode} and what the state file records.
 */
public enum Mode {
    PESSIMISTIC, OPTIMISTIC, IDEMPOTENT, RAFT, ZOOKEEPER, WORKFLOW;

    /**
     * Whether one elected node writes and the others forward to it (raft, zookeeper): such a cluster has a leader to
     * find, kill or pause, and its forwards are signed with the cluster secret. In the other modes every node writes
     * through PostgreSQL alike.
     */
    public boolean hasLeader() {
        return this == RAFT || this == ZOOKEEPER;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode whose value this is exactly, or an error that names every valid value. */
    @JsonCreator
    public static Mode fromValue(String value) {
        return Arrays.stream(values())
                .filter(mode -> mode.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown mode '" + value + "' (expected " + choices("|") + ")"));
    }

    /** Parses the configured mode leniently (case, blanks), or fails with a message that names every valid value. */
    public static Mode parse(String configured) {
        String valid = choices(", ");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("ledger.mode (env " + NodeEnvironment.MODE + ") is not set; valid values: "
                    + valid);
        }
        try {
            return fromValue(configured.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("ledger.mode (env " + NodeEnvironment.MODE + ") is '" + configured
                    + "'; valid values: " + valid);
        }
    }

    /** Every value, joined: "pessimistic|optimistic|idempotent|raft" with "|". */
    public static String choices(String separator) {
        return Arrays.stream(values()).map(Mode::value).collect(Collectors.joining(separator));
    }
}
