package dev.ledger.mode;

import dev.ledger.contract.ClusterInfo;
import dev.ledger.contract.Mode;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.store.LedgerRecords;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How a transfer gets exclusive or ordered access to its two accounts. Every implementation must give the same
 * guarantees (the contract tests run against each): no money lost, created or applied twice; each idempotency key
 * applied at most once; expected outcomes returned as values, transient failures thrown. A strategy is a bean
 * qualified {@link ForMode} with its mode; {@link StrategyProducer} makes the configured one the
 * {@code TransferStrategy} everything else injects.
 */
public interface TransferStrategy {

    Mode mode();

    /**
     * Decides a transfer: expected outcomes as values, transient failures as exceptions (thrown, or failing the
     * stage with the exception itself). The database modes decide on the calling thread and return a completed
     * stage; a mode with a leader returns once the transfer is handed on (to its log, or to the leader) and completes
     * the stage when the answer comes, so that no thread waits for it meanwhile.
     */
    CompletionStage<TransferResult> transfer(TransferCommand command);

    /**
     * Whether {@link #transfer} blocks its thread (the database modes: JDBC), so that it is called on a worker
     * thread; a strategy that only hands the transfer on is called on the event loop that read the request.
     */
    default boolean blocks() {
        return true;
    }

    /** This node's role; only a mode with a leader has one other than STATELESS. */
    default ClusterInfo cluster() {
        return ClusterInfo.stateless();
    }

    /** Ready to serve writes (raft: a leader is known and this node has caught up). */
    default boolean ready() {
        return true;
    }

    /**
     * Where a client that asked not to be forwarded ({@code ?redirect}) should send its transfer: the leader, when
     * this node follows one. Empty when this node takes the transfer itself, or knows no leader (it then waits for
     * one, as for any transfer), and in the modes where every node serves alike.
     */
    default Optional<URI> redirectTo() {
        return Optional.empty();
    }

    /**
     * Where this mode keeps its accounts and transfers, when not in the service's one database (the workflow mode's
     * shards); empty in every other mode.
     */
    default Optional<LedgerRecords> records() {
        return Optional.empty();
    }

    /** Who leads, in a mode whose nodes elect a leader; empty in the modes where every node serves alike. */
    default Optional<Leadership> leadership() {
        return Optional.empty();
    }
}
