package dev.ledger.cli;

/**
 * The command line is wrong in a way its options' own checks cannot see (two options that do not go together, a
 * value out of range): the CLI prints the reason and where to read more, and exits with 2.
 */
public final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
