package dev.ledger.tools;

/** The command line is wrong: the CLI prints the reason and the usage, and exits with 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
