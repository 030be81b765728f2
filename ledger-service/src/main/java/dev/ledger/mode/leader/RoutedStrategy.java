package dev.ledger.mode.leader;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.TransferStrategy;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A strategy of a mode with one elected leader: every transfer goes through its {@link LeaderRouter}, which hands it
 * on (to the leader's log or writer, or to the leader) without blocking, so it is called on the event loop.
 */
public interface RoutedStrategy extends TransferStrategy {

    /** The router this node's transfers go through. */
    LeaderRouter router();

    @Override
    default CompletionStage<TransferResult> transfer(TransferCommand command) {
        return router().transfer(command);
    }

    @Override
    default boolean blocks() {
        return false;
    }

    @Override
    default Optional<URI> redirectTo() {
        return router().redirectTarget();
    }
}
