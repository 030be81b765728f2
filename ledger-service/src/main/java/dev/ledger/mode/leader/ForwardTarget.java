package dev.ledger.mode.leader;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import java.util.concurrent.CompletableFuture;

/**
 * What a mode with one elected leader tells the shared forwarding ({@link LeaderRouter} on every node, the API's
 * forwarded-transfer endpoint on the leader): who leads, whether this node can take a transfer itself, and how it
 * does. Implemented by the mode's strategy bean: the endpoint finds it by the {@link ForMode} qualifier of the
 * running mode.
 */
public interface ForwardTarget {

    /** The leader this node follows (itself included), looked at now, and since when it has had none. */
    LeaderContact.View leaderContact();

    /** This node leads and can take transfers now (a raft leader: once its group's claim is applied). */
    boolean takesTransfers();

    /**
     * Decides a transfer on this node, which must lead: a local request, or one another node forwarded. Forwarded
     * commands are validated here again: the follower that sent one is not trusted to have done it. Refusals before
     * anything is done are thrown; the answer completes once the transfer is written (see {@link LeaderAnswers}).
     */
    CompletableFuture<TransferResult> proposeAsLeader(TransferCommand command);

    /** What a transfer that found no leader to take it within the wait is told (503 unavailable). */
    String whyNoLeader(long leaderlessForMs);
}
