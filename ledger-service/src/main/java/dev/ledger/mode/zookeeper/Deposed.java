package dev.ledger.mode.zookeeper;

/**
 * A leadership whose token PostgreSQL has seen surpassed: a later leader claimed the fence, so this one must not
 * write. An expected outcome of a change of leader, not a fault: the caller rolls back, answers that nothing was done,
 * and stops leading.
 */
public class Deposed extends Exception {

    private final long token;
    private final long fence;

    Deposed(long token, long fence) {
        super("leadership token " + token + " is deposed: PostgreSQL's leader fence holds token " + fence
                + ", claimed by a later leader", null, false, false);
        this.token = token;
        this.fence = fence;
    }

    /** The token of the deposed leadership. */
    public long token() {
        return token;
    }

    /** The token the fence holds, greater than {@link #token()}. */
    public long fence() {
        return fence;
    }
}
