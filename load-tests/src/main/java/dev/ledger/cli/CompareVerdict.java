package dev.ledger.cli;

import dev.ledger.load.Summary;

/**
 * The last line of {@code ./ledger compare}, one JSON object for scripts: whether every run's audit was clean, every
 * replay identical and every relay's round trip what it was set to ({@code ok}, also the exit code: 0 or 1), and
 * where the report is.
 */
record CompareVerdict(boolean ok, String report, int runs, long auditsFailed, long replayMismatches,
        long relaysOff) {

    static CompareVerdict of(String reportDir, Summary summary) {
        long auditsFailed = summary.runs().stream().filter(run -> run.audit() == null || !run.audit().ok()).count();
        long mismatches = summary.runs().stream().mapToLong(Summary.Run::replayMismatches).sum();
        long relaysOff = summary.runs().stream().filter(run -> run.relay() != null && !run.relay().withinTolerance())
                .count();
        return new CompareVerdict(auditsFailed == 0 && mismatches == 0 && relaysOff == 0, reportDir,
                summary.runs().size(), auditsFailed, mismatches, relaysOff);
    }
}
