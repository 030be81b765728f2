package dev.ledger.api;

import dev.ledger.config.Mode;
import dev.ledger.raft.RaftForwarder;
import dev.ledger.strategy.RaftStrategy;
import dev.ledger.strategy.TransferStrategy;
import dev.ledger.transfer.TransferCommand;
import dev.ledger.transfer.TransferResult;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where followers forward transfers to the raft leader. Internal: the command was validated by the follower. It
 * never forwards again: a node that no longer leads answers 503, and the client retries.
 */
@Path(RaftForwarder.PATH)
public class RaftForwardResource {

    @Inject
    TransferStrategy strategy;
    @Inject
    Instance<RaftStrategy> raft;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public TransferResult propose(TransferCommand command) {
        if (strategy.mode() != Mode.RAFT) {
            throw new ProblemException(ProblemType.NOT_FOUND, null);
        }
        return raft.get().proposeAsLeader(command);
    }
}
