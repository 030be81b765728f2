package dev.ledger.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a report says besides its tables, the same in report.md and report.html: how to read the verdict and the
 * columns, what each regime and scenario is, and under what conditions the figures were made. Plain text in which
 * {@code `code`} marks names; the HTML report turns those into code elements.
 */
public final class ReportText {

    private ReportText() {
    }

    /** Under the verdict: what a ratio says, and what the lock model is. */
    static String verdictMeaning() {
        return "The winner is the mode that committed the most transfers a second in that regime and scenario; its"
                + " ratio is how many times the runner-up's figure that is. It tells which strategy to pick where"
                + " throughput decides, measured on this machine, not that another strategy failed: each cell also"
                + " gives p99 latency and the CPU the system under test spent per committed transfer. A locking"
                + " mode's `lock model` is what Little's law predicts on a skewed workload with a round trip to its"
                + " database: the busiest row admits one transfer per hold time, however many clients and nodes there"
                + " are, and each round trip while it is held (2 for pessimistic, 3 for idempotent and optimistic)"
                + " adds to that time what the regime without delay measured (see `src/docs/benchmarks.md`).";
    }

    /** One line per regime of the summary. */
    static List<String> regimes(Summary summary) {
        return summary.regimes().stream().map(r -> String.format(Locale.ROOT, "`%s`: %s; PostgreSQL fsync=%s,"
                + " synchronous_commit=%s, a commit that wrote took %.2f ms (median).", r.name(),
                r.rttMs() == 0 ? "every process on loopback, no delay, PostgreSQL reached "
                        + (r.databaseLink().equals("relay") ? "through the relay" : "straight")
                        : String.format(Locale.ROOT, "every link between two processes of a cluster (node to"
                                + " PostgreSQL, to ZooKeeper, to node) a round trip of %.2f ms apart through the relay,"
                                + " clients straight to the nodes", r.rttMs()),
                r.pgFsync(), r.pgSynchronousCommit(), r.commitMs())).toList();
    }

    /** What each scenario of the summary is, one line each. */
    static List<String> scenarios(Summary summary) {
        return summary.runs().stream().map(Summary.Run::scenario).distinct()
                .map(name -> "`" + name + "`: " + Scenario.parse(name).description()).toList();
    }

    /** How to read the figures: the notes under the tables. */
    static List<String> notes(Summary summary) {
        List<String> notes = new ArrayList<>();
        boolean anyDurable = summary.regimes().stream().anyMatch(Summary.RegimeFigures::durable);
        if (summary.regimes().isEmpty()) {
            notes.add("The cluster was not started by this tool (`./ledger load`): its network, durability and"
                    + " machines are its own, and its processes' CPU was not measured.");
        } else {
            notes.add(anyDurable ? "Figures of a regime with fsync off are for comparing modes with each other,"
                    + " not with a durable system; the durable regime's include what a sync costs on this machine's"
                    + " disk." : "PostgreSQL did not sync to disk in any regime: compare modes with each other, not"
                    + " with a durable system (the `production` regime is durable).");
        }
        notes.add("Latency is from the intended start of a transfer to its final answer, retries included; `p50`,"
                + " `p95`, `p99` and `max` are over the whole run. `retries` counts attempts sent again after an"
                + " undecided answer (a 503, no answer, or the workflow mode's 202 until its decision), `conflicts`"
                + " the optimistic mode's lost version checks retried inside the service, `gap ms` the longest time"
                + " without a committed answer (the failover's write gap).");
        notes.add("`cpu ms/transfer` is the CPU the system under test (service nodes, PostgreSQL, ZooKeeper; from"
                + " /proc, JIT compilers left out) used per committed transfer: the figure that holds when"
                + " throughput moves 20-40% between runs on a shared machine. The instrument's CPU (the driver, the"
                + " relay) is shown apart and never counted in it. Where one warm cluster serves a regime with delay"
                + " and one without, PostgreSQL restarts between them and, without delay, takes the relay's port:"
                + " the nodes reach it straight; their links with each other and with ZooKeeper stay in the relay, at"
                + " no delay, which is not quite free on a small machine (src/docs/benchmarks.md: `--regimes laptop`"
                + " alone starts no relay). In `failover`, the killed node's CPU in the run is not counted.");
        notes.add("A leader mode's clients are leader-aware (they ask a follower for a 307 to the leader instead of"
                + " a forward) unless its run is marked `(any node)`.");
        notes.add("`driver cpu %` is the load driver's CPU during the run in percent of one core; `load` is the"
                + " machine's 1-minute load average at the end of the run, and `steal %` the share of CPU time the"
                + " hypervisor gave to others during it. A busy machine lowers every figure: compare runs made on an"
                + " equally quiet one.");
        notes.add("`audit` is the service's own five-invariant audit after the run (plus, for `retry`, that every"
                + " replay returned the same transfer).");
        workflow(summary).ifPresent(notes::add);
        rateLimited(summary).ifPresent(notes::add);
        ReportWriter.headroom(summary).ifPresent(times -> notes.add(String.format(Locale.ROOT, "Driver headroom:"
                + " its no-op ceiling (http-noop) is %.1fx the best committed/s measured; below 5x, a figure may be"
                + " the driver's limit rather than the mode's.", times)));
        return notes;
    }

    /**
     * What the workflow mode's figures stand for, where it ran: how many of its transfers crossed its databases, and
     * what it trades. Empty where it did not run.
     */
    static Optional<String> workflow(Summary summary) {
        Map<String, Double> shareByScenario = new LinkedHashMap<>();
        summary.runs().stream().filter(run -> run.crossShardShare() != null)
                .forEach(run -> shareByScenario.putIfAbsent(run.scenario(), run.crossShardShare()));
        if (shareByScenario.isEmpty()) {
            return Optional.empty();
        }
        String shares = shareByScenario.entrySet().stream().map(share -> String.format(Locale.ROOT, "%.0f%% in `%s`",
                share.getValue() * 100, share.getKey())).collect(Collectors.joining(", "));
        return Optional.of("`workflow` splits the accounts over two PostgreSQL databases by a rule on the account id."
                + " A transfer within one is one local transaction; one across them (" + shares + ") is a workflow"
                + " instance on an embedded engine (Flowable, its state in the first database): answered 202, then"
                + " debit, credit (or refund) and finish as jobs, each one local transaction. Its clients ask again"
                + " with the key until the decision, so its latency is to the decision, not to the 202. What it buys:"
                + " no transaction, lock or leader spans the two databases, so no one database bounds the ledger, and"
                + " the transfers of a node that dies are finished by the others. What it costs: the engine's own"
                + " writes for every transfer across the databases (its `cpu ms/transfer`), the jobs' polling in its"
                + " latency, and no balance read or key check that spans both (`src/docs/workflow.md`).");
    }

    /**
     * Why answers were 429, where some were: the nodes limit each client address, and every client of this driver
     * has the same one. Empty where none was.
     */
    public static Optional<String> rateLimited(Summary summary) {
        long limited = summary.runs().stream().mapToLong(run -> run.errorsByStatus().getOrDefault("429", 0L)).sum();
        if (limited == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d answers were 429 (rate-limited): the nodes limit the"
                + " requests of each client address (`ledger.http.rate-limit-per-client-per-second`, 2,000 a second by"
                + " default), and every client of this driver has the same address. Those runs measure the limit, not"
                + " the mode: start the nodes with `LEDGER_HTTP_RATE_LIMIT_PER_CLIENT_PER_SECOND=0` (`./ledger up`"
                + " passes its environment on to them), as `./ledger compare` does.", limited));
    }

    /** How long each mode was warmed up, and whether its compilers were quiet by then; empty without warm-ups. */
    static String warmups(Summary summary) {
        if (summary.warmups().isEmpty()) {
            return "";
        }
        return summary.warmups().stream()
                .map(w -> String.format(Locale.ROOT, "%s %.0f s%s", w.mode(), w.seconds(),
                        w.compilersQuiet() ? "" : " (compilers still busy: its figures may be understated)"))
                .collect(Collectors.joining(", ", "Warm-up, until every node's JIT compilers were quiet: ", "."));
    }

    /** The machine and the run's settings. */
    static String environment(Summary.Environment env) {
        String machine = env.machineBefore() == null
                ? "The machine's load could not be read (no /proc): figures from a busy machine look the same."
                : String.format(Locale.ROOT, "The machine before the run started anything: load average %.1f, CPU"
                        + " %.0f%% busy, %.1f%% stolen by the hypervisor.", env.machineBefore().loadAverage(),
                        env.machineBefore().busyPercent(), env.machineBefore().stealPercent());
        return String.format(Locale.ROOT, "%d CPUs, git %s, PostgreSQL %s, raft log sync=%s, %d nodes per mode,"
                + " %d accounts, seed %d, %d clients. %s", env.cpus(), env.gitSha(), env.pgVersion(),
                env.raftLogSync(), env.nodes(), env.accounts(), env.seed(), env.clients(), machine);
    }

    /** A verdict's cell for one mode: committed/s, p99, CPU per transfer, and the lock model where there is one. */
    static String contender(Summary.Contender c) {
        String cell = String.format(Locale.ROOT, "%.0f/s, p99 %.1f ms", c.committedPerSec(), c.p99Ms());
        if (c.cpuMsPerTransfer() != null) {
            cell += String.format(Locale.ROOT, ", %.3f ms cpu", c.cpuMsPerTransfer());
        }
        if (c.lockModelPerSec() != null) {
            cell += String.format(Locale.ROOT, ", lock model %.0f/s", c.lockModelPerSec());
        }
        return cell;
    }
}
