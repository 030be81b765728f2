package dev.ledger.cluster;

/**
 * A command could not do its job for a reason the user can act on (a node did not start, no cluster
 * is running, ...). The message is printed as is, so it says what happened and what to do.
 */
public final class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message) {
        super(message);
    }
}
