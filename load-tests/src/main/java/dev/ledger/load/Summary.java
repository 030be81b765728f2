package dev.ledger.load;

import dev.ledger.contract.Mode;
import java.util.List;
import java.util.Map;

/** The machine-readable result of a comparison: {@code reports/<stamp>/summary.json} (DESIGN section 6). */
public record Summary(Environment environment, List<Warmup> warmups, List<Run> runs, List<Baseline> baselines) {

    /**
     * Where and how the figures were made; durability is stated, not hidden. machineBefore: how loaded the machine
     * was in the seconds before the run started anything (null where it cannot be read): what else ran there.
     */
    public record Environment(int cpus, String gitSha, String pgVersion, String pgFsync, String pgSynchronousCommit,
            boolean raftLogSync, int nodes, int accounts, long seed, int clients, String startedAt,
            MachineLoad machineBefore) {
    }

    /**
     * The load each mode's fresh cluster got before its runs: {@code seconds} of it, and whether it ended because
     * every node's JIT compilers had gone quiet ({@code compilersQuiet}) or because {@code --warmup} ran out (then
     * the mode's figures may still include compiling).
     */
    public record Warmup(String mode, double seconds, boolean compilersQuiet) {
    }

    /**
     * One mode on one scenario. Beyond DESIGN's fields: dropped (open model: transfers not started because the
     * backlog was full), unavailabilityMs (the longest time without a committed answer: a failover's write gap),
     * replays and replayMismatches (retry scenario), driverCpuPercent (the load driver's CPU during the run, in
     * percent of one core: what the instrument took from the machine), machine (the machine's load average, busy
     * and stolen CPU during the run; null where it cannot be read), seconds (the run second by second).
     * clients: how the clients picked a node ({@link Routing}). cpuMsPerTransfer: the CPU the system under test
     * (service nodes, PostgreSQL, ZooKeeper; JIT compilers left out) used per committed transfer, null where /proc
     * cannot be read; cpu: the same by process group, the instrument's (driver, relay) apart. relay: the round trip
     * the delay relay added to every link between the cluster's processes, set and measured before the run; null
     * where the processes talked directly.
     */
    public record Run(String mode, String scenario, String model, String clients, double durationS,
            double committedPerSec, double rejectedPerSec, double p50Ms, double p95Ms, double p99Ms, double maxMs,
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
     * the run, in milliseconds. {@link #TOLERANCE} apart at most, or the run's network is not the one it claims.
     */
    public record Relay(double rttMs, double measuredMs) {

        public static final double TOLERANCE = 0.1;

        public boolean withinTolerance() {
            return Math.abs(measuredMs - rttMs) <= TOLERANCE * rttMs;
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
