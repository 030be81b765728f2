package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable result of a comparison: {@code reports/<stamp>/summary.json} (DESIGN section 6, and since
 * the regimes, {@code src/docs/benchmarks.md}). The verdict comes first, as in the report.
 */
public record Summary(List<Verdict> verdict, Environment environment, List<RegimeFigures> regimes,
        List<Warmup> warmups, List<Run> runs, List<Baseline> baselines) {

    /** The summary of these runs, with its verdict. */
    public static Summary of(Environment environment, List<RegimeFigures> regimes, List<Warmup> warmups,
            List<Run> runs, List<Baseline> baselines) {
        return new Summary(Verdicts.of(environment, regimes, runs), environment, regimes, warmups, runs, baselines);
    }

    /**
     * Where and how the figures were made; durability is stated per regime ({@link RegimeFigures}), not hidden.
     * machineBefore: how loaded the machine was in the seconds before the run started anything (null where it cannot
     * be read): what else ran there.
     */
    public record Environment(int cpus, String gitSha, String pgVersion, boolean raftLogSync, int nodes, int accounts,
            long seed, int clients, String startedAt, MachineLoad machineBefore) {
    }

    /**
     * A regime as the first cluster that entered it found it: the round trip set on every link (ms), whether commits
     * were meant to be durable, how the nodes reached PostgreSQL ({@code relay} or {@code straight}), its fsync and
     * synchronous_commit as it reported them, and the median time of a commit that wrote (ms), from this host
     * straight to PostgreSQL.
     */
    public record RegimeFigures(String name, double rttMs, boolean durable, String databaseLink, String pgFsync,
            String pgSynchronousCommit, double commitMs) {
    }

    /**
     * One regime and scenario, the strategies side by side: the mode with the most committed/s, how many times the
     * runner-up's that is, and every mode's figures (a leader mode's with leader-aware clients).
     */
    public record Verdict(String regime, String scenario, String winner, double ratioToRunnerUp,
            List<Contender> modes) {
    }

    /**
     * A mode in a {@link Verdict}: committed/s, p99, CPU per committed transfer (null where not measured), and for a
     * locking mode in a skewed scenario with a round trip on its database link, the committed/s Little's law predicts
     * from its busiest row's hold time ({@link LockModel}; null otherwise).
     */
    public record Contender(String mode, double committedPerSec, double p99Ms, Double cpuMsPerTransfer,
            Double lockModelPerSec) {
    }

    /**
     * The load each mode's fresh cluster got before its runs: {@code seconds} of it, and whether it ended because
     * every node's JIT compilers had gone quiet ({@code compilersQuiet}) or because {@code --warmup} ran out (then
     * the mode's figures may still include compiling).
     */
    public record Warmup(String mode, double seconds, boolean compilersQuiet) {
    }

    /**
     * One mode on one scenario in one regime. durationS, committedPerSec, rejectedPerSec, the CPU, driverCpuPercent
     * and machine: over the run's measured window (its duration after a lead-in of a fifth, see {@link LoadRun}); the
     * latencies and the other counts: over every transfer of the run. Beyond DESIGN's fields: dropped (open model:
     * transfers not started because the backlog was full), unavailabilityMs (the longest time without a committed
     * answer: a failover's write gap), replays and replayMismatches (retry scenario), driverCpuPercent (the load
     * driver's CPU, in percent of one core: what the instrument took from the machine), machine (the machine's load
     * average, busy and stolen CPU; null where it cannot be read), seconds (the run second by second). clients: how the
     * clients picked a node ({@link Routing}). cpuMsPerTransfer: the CPU the system under test (service nodes,
     * PostgreSQL, ZooKeeper; JIT compilers left out) used per committed transfer, null where /proc cannot be read; cpu:
     * the same by process group, the instrument's (driver, relay) apart. relay: the round trip the delay relay added to
     * every link between the cluster's processes, set and measured before the run; null where the processes talked
     * directly. crossShardShare: in the workflow mode, the share of the run's transfers whose accounts are on
     * different shards (each a workflow); null in the other modes.
     */
    public record Run(String mode, String regime, String scenario, String model, String clients,
            Double crossShardShare, double durationS, double committedPerSec, double rejectedPerSec, double p50Ms,
            double p95Ms, double p99Ms, double maxMs,
            Map<String, Long> errorsByStatus, long conflicts, long retries, long dropped, long unavailabilityMs,
            long replays, long replayMismatches, double driverCpuPercent, MachineLoad machine, Double cpuMsPerTransfer,
            List<Cpu> cpu, Relay relay, Audit audit, List<Second> seconds) {

        /** The run's name in tables and charts: its mode, and for a leader mode's clients on every node, that too. */
        public String label() {
            return Routing.ANY.label().equals(clients) && Mode.fromValue(mode).hasLeader() ? mode + " (any node)"
                    : mode;
        }
    }

    /**
     * The delay relay of a run: the round trip it was set to add and what a ping-pong through it measured just before
     * the run, in milliseconds. Apart by {@link #TOLERANCE} at most, or the run's network is not the one it claims.
     */
    public record Relay(double rttMs, double measuredMs) {

        /** Of the round trip set. */
        public static final double TOLERANCE = 0.1;
        /** With no delay set, what the relay's own hop may add. */
        static final double HOP_TOLERANCE_MS = 0.2;

        public boolean withinTolerance() {
            return Math.abs(measuredMs - rttMs) <= (rttMs == 0 ? HOP_TOLERANCE_MS : TOLERANCE * rttMs);
        }
    }

    /**
     * One process group's CPU in a run (nodes, postgres, zookeeper, driver): milliseconds per committed transfer
     * without the JIT compilers, the compilers' apart, and the cores the group kept busy on average.
     */
    public record Cpu(String group, double msPerTransfer, double jitMsPerTransfer, double cores) {
    }

    /**
     * One second of a run, as its progress line printed it: transfers committed in it, the p99 of the answers in it
     * (0 when none came), and the answers that were errors (neither 201 nor 422).
     */
    public record Second(int second, long committed, double p99Ms, long errors) {
    }

    public record Audit(boolean ok, boolean moneyConserved, boolean noNegative, boolean entriesMatch,
            boolean transfersBalanced, boolean keysOnce) {
    }

    /**
     * A reference figure from the same run: committedPerSec for the JDBC baselines (jdbc-transfer, the pessimistic
     * mode's statements; jdbc-optimistic and jdbc-idempotent, each such mode's own), requestsPerSec for http-noop.
     */
    public record Baseline(String name, Double committedPerSec, Double requestsPerSec) {
    }
}
