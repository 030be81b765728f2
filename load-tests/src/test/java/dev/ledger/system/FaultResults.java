package dev.ledger.system;

import dev.ledger.contract.Mode;
import dev.ledger.system.LedgerClient.TransferAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The table of the fault ITs: one row per fault injected, written to {@code target/fault-results.md} (new for each
 * test JVM) and printed. A row is added only after every check passed, so its anomalies are 0 by construction: an
 * anomaly fails the test instead.
 */
final class FaultResults {

    private static final Path FILE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")),
            "target", "fault-results.md");
    private static final String HEADER = """
            | mode | fault | keys settled | committed | rejected | compensated | given up on 503 unavailable \
            | requests | answered 503/409 | no answer | unavailability (longest stretch without a commit) \
            | acknowledged by the cut-off side | anomalies |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            """;
    private static boolean started;

    private FaultResults() {
    }

    /** {@code cutOffAcknowledged}: what the side cut off from the majority acknowledged, null without a partition. */
    static synchronized void add(Mode mode, String fault, TransferLoad load, Duration unavailability,
            Long cutOffAcknowledged) {
        String row = "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s | %s | 0 |%n".formatted(mode.value(),
                fault, load.settled().size(), load.count(TransferAnswer::committed),
                load.count(TransferAnswer::rejected), load.count(TransferAnswer::compensated), load.notAppliedKeys(),
                load.attempts(), load.unavailableAnswers(), load.requestsWithoutAnswer(),
                unavailability.toMillis() / 1000.0, cutOffAcknowledged == null ? "-" : cutOffAcknowledged);
        System.out.print("fault result: " + row);
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.writeString(FILE, HEADER);
                started = true;
            }
            Files.writeString(FILE, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
