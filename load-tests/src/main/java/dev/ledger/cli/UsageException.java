package dev.ledger.cli;

/** The command line is wrong: the CLI prints the reason and the usage, and exits with 2. */
public final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
