package dev.ledger.load;

import java.util.OptionalLong;

/** Reads a node's metrics as {@code /q/metrics} exposes them, in Prometheus' text format. */
public final class MetricsText {

    private MetricsText() {
    }

    /** The series' value (its first line, with or without labels), whole; empty if the text has no such series. */
    public static OptionalLong value(String metrics, String series) {
        return metrics.lines()
                .filter(line -> line.startsWith(series + "{") || line.startsWith(series + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
