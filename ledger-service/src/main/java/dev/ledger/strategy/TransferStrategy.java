package dev.ledger.strategy;

import dev.ledger.config.Mode;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;

/**
 * How a transfer gets exclusive or ordered access to its two accounts. Every implementation must give the same
 * guarantees (the contract tests run against each): no money lost, created or applied twice; each idempotency key
 * applied at most once; expected outcomes returned as values, transient failures thrown.
 */
public interface TransferStrategy {

    Mode mode();

    TransferResult transfer(TransferCommand command);

    /** This node's role; only raft nodes have one other than STATELESS. */
    default ClusterInfo cluster() {
        return ClusterInfo.stateless();
    }

    /** Ready to serve writes (raft: a leader is known and this node has caught up). */
    default boolean ready() {
        return true;
    }
}
