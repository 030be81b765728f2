package dev.ledger.load;

import dev.ledger.contract.LeaderRouting;

/** How the driver's clients pick the node for a transfer. */
public enum Routing {
    /** Every node in turn, as a Kubernetes Service spreads requests: in a leader mode a follower forwards. */
    ANY("any node"),
    /**
     * The leader, asked with {@code ?redirect} ({@link LeaderRouting}): a follower answers 307 to the leader, which the
     * client then keeps sending to. In the database modes it is the same as {@link #ANY}.
     */
    LEADER("leader-aware");

    private final String label;

    Routing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
