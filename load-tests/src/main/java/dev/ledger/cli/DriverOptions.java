package dev.ledger.cli;

import dev.ledger.cli.Converters.ModelConverter;
import dev.ledger.load.LoadRun;
import dev.ledger.load.Scenario;
import picocli.CommandLine.Option;

/** The load driver's options, the same for {@code compare} and {@code load}. */
final class DriverOptions {

    @Option(names = "--model", paramLabel = "MODEL", converter = ModelConverter.class, defaultValue = "closed",
            description = "closed: clients back to back; open: --rate transfers a second (default: ${DEFAULT-VALUE}).")
    LoadRun.Model model;
    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "Open model: transfers started per second (default: ${DEFAULT-VALUE}).")
    int ratePerSec;
    @Option(names = "--clients", paramLabel = "N", defaultValue = "256",
            description = "Closed model: clients, each with one transfer in flight; open model: the most in flight"
                    + " (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10000",
            description = "Accounts, the 10 hot ones among them (default: ${DEFAULT-VALUE}).")
    int accounts;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seeds the accounts and amounts of every run (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Refuses a value below its option's least, naming both. */
    static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new UsageException(option + " must be at least " + min + ", not " + value);
        }
    }

    /** What no single option's conversion can see. */
    void validate() {
        requireAtLeast("--rate", ratePerSec, 1);
        requireAtLeast("--clients", clients, 1);
        requireAtLeast("--accounts", accounts, Scenario.HOT_ACCOUNTS + 1);
    }
}
