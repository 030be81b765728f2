package dev.ledger.cli;

import dev.ledger.load.Summary;

/**
 * The last line of {@code ./ledger compare}, one JSON object for scripts: whether every run's audit was clean and
 * every replay identical ({@code ok}, also the exit code: 0 or 1), and where the report is.
 */
record CompareVerdict(boolean ok, String report, int runs, long auditsFailed, long replayMismatches) {

    static CompareVerdict of(String reportDir, Summary summary) {
        long auditsFailed = summary.runs().stream().filter(run -> run.audit() == null || !run.audit().ok()).count();
        long mismatches = summary.runs().stream().mapToLong(Summary.Run::replayMismatches).sum();
        return new CompareVerdict(auditsFailed == 0 && mismatches == 0, reportDir, summary.runs().size(),
                auditsFailed, mismatches);
    }
}
