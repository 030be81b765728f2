package dev.ledger.cluster;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as written to the state file: its PID and its start instant. A PID alone may have been
 * reused by an unrelated process since, so the tools only signal a PID whose start instant matches.
 */
public record RecordedProcess(long pid, Instant startedAt) {

    public static RecordedProcess of(ProcessHandle process) {
        Instant startedAt = process.info().startInstant()
                .orElseThrow(() -> new IllegalStateException(
                        "the start instant of pid " + process.pid() + " is unknown"));
        return new RecordedProcess(process.pid(), startedAt);
    }

    /** The process, if it is still running and still the one that was recorded. */
    public Optional<ProcessHandle> findLive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().filter(startedAt::equals).isPresent());
    }
}
