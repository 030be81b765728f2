package dev.ledger.domain;

/**
 * A transfer command that breaks the input rules reached a strategy (a leader checks forwarded commands
 * again); nothing was done. Answered 400 {@code invalid-request}.
 */
public class InvalidRequest extends RuntimeException {

    public InvalidRequest(String problem) {
        super(problem, null, false, false);
    }
}
