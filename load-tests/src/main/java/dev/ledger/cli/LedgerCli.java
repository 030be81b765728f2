package dev.ledger.cli;

import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.LedgerHome;
import dev.ledger.cluster.Loopback;
import dev.ledger.cluster.NodeSpec;
import dev.ledger.contract.FaultLimits;
import dev.ledger.contract.Mode;
import dev.ledger.contract.NodeEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code ./ledger}: reads the command line and runs one command. */
public final class LedgerCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final int DEFAULT_PAUSE_SECONDS = 5;

    static final String USAGE = """
            usage: ./ledger <command> [options]

              up --mode <%s> [--nodes N] [--base-port P] [--detach] [--faults] [--adopt-database] [--durable]
                 [--isolated]
                  start a local cluster on %s: N nodes (default %d) answering HTTP on ports P..P+N-1
                  (default %d; raft uses P+%d..), with an embedded PostgreSQL unless
                  %s is set. Stays in the foreground until Ctrl-C, unless --detach.
                  --faults lets the dashboard kill or pause the leader, with a token it prints.
                  --adopt-database (raft): a raft group whose log starts anew (its raft data deleted)
                  takes over the database's ledger instead of refusing to apply.
                  --durable: the embedded PostgreSQL syncs every commit to disk (fsync on).
                  --isolated: each node in a network namespace of its own (root, ip and nft), so that
                  ./ledger partition can cut the network; the nodes answer on 10.77.0.11, .12, ...
              status        the nodes: process, readiness, raft role, leader and term
              down          stop the cluster that up started (only the processes it recorded)
              kill-leader   SIGKILL the current raft leader (failover demos)
              pause-leader [--seconds N]
                            SIGSTOP the current raft leader for N s (default 5, at most 60), then SIGCONT
              %s
                  cut the network of an --isolated cluster: the raft leader from the other nodes, the
                  nodes N,... from the rest, two halves bridged by one node (the leader at one end), or
                  node N from PostgreSQL; for S seconds, or until heal
              heal          lift every cut
              %s
                  the comparison: each mode on a fresh cluster, each scenario, the audit after each,
                  and the baselines (each database mode's own SQL over JDBC, a no-op HTTP POST); prints
                  the table and the ratios, and writes reports/<stamp>/summary.json, report.md and
                  chart.svg. --durable: every cluster's PostgreSQL syncs its commits to disk.
              help          this message
            """.formatted(Mode.choices("|"), Loopback.ADDRESS, UpOptions.DEFAULT_NODES,
            UpOptions.DEFAULT_BASE_PORT, NodeSpec.RAFT_PORT_OFFSET, NodeEnvironment.JDBC_URL,
            PartitionOptions.USAGE, CompareOptions.USAGE);

    private final LedgerHome home;

    LedgerCli(LedgerHome home) {
        this.home = home;
    }

    private static int pauseSeconds(List<String> options) throws UsageException {
        if (options.isEmpty()) {
            return DEFAULT_PAUSE_SECONDS;
        }
        if (options.size() != 2 || !options.get(0).equals("--seconds")) {
            throw new UsageException("pause-leader takes only --seconds N");
        }
        try {
            int seconds = Integer.parseInt(options.get(1));
            if (seconds >= 1 && seconds <= FaultLimits.PAUSE_MAX_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new UsageException("--seconds needs a whole number from 1 to " + FaultLimits.PAUSE_MAX_SECONDS);
    }

    public static void main(String[] args) {
        System.exit(new LedgerCli(LedgerHome.fromSystemProperties()).run(List.of(args)));
    }

    /** Runs the command and returns the process exit code. */
    int run(List<String> args) {
        if (args.isEmpty()) {
            System.err.print(USAGE);
            return EXIT_USAGE;
        }
        String command = args.get(0);
        List<String> options = args.subList(1, args.size());
        try {
            switch (command) {
                case "up" -> new UpCommand(home).run(UpOptions.parse(options));
                case "status" -> {
                    requireNoOptions(command, options);
                    new StatusCommand(home).run();
                }
                case "down" -> {
                    requireNoOptions(command, options);
                    new DownCommand(home).run();
                }
                case "kill-leader" -> {
                    requireNoOptions(command, options);
                    new LeaderFaultCommand(home).kill();
                }
                case "pause-leader" -> new LeaderFaultCommand(home).pause(pauseSeconds(options));
                case "partition" -> new PartitionCommand(home).partition(PartitionOptions.parse(options));
                case "heal" -> {
                    requireNoOptions(command, options);
                    new PartitionCommand(home).heal();
                }
                case "compare" -> new CompareCommand(home).run(CompareOptions.parse(options));
                case "help", "-h", "--help" -> System.out.print(USAGE);
                default -> throw new UsageException("unknown command '" + command + "'");
            }
            return EXIT_OK;
        } catch (UsageException e) {
            System.err.println("ledger: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            return EXIT_USAGE;
        } catch (CommandFailedException | IOException | UncheckedIOException e) {
            System.err.println("ledger: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("ledger: interrupted");
            return EXIT_FAILED;
        }
    }

    private static void requireNoOptions(String command, List<String> options) throws UsageException {
        if (!options.isEmpty()) {
            throw new UsageException(command + " takes no options, got " + options);
        }
    }
}
