package dev.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.contract.Mode;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import dev.ledger.mode.TransferStrategy;
import dev.ledger.mode.leader.ClusterSecret;
import dev.ledger.mode.leader.ForwardTarget;
import dev.ledger.mode.leader.LeaderForwarder;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where followers forward transfers to the leader, at the path of the running mode (404 at any other, and in the
 * modes without a leader). Internal: only a request signed with the cluster secret, for this path, recently, is
 * proposed (401 otherwise, from {@link MemberSignatureFilter} or, for a body other than the signed one, here); the
 * leader validates the command again before proposing it. It never forwards again: a node that no longer leads
 * answers 503, and the client retries.
 */
@Path(LeaderForwarder.PATH_TEMPLATE)
@Tag(name = "Internal")
public class ForwardedTransferResource {

    @Inject
    TransferStrategy strategy;
    @Inject
    @Any
    Instance<ForwardTarget> targets;
    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @NonBlocking
    public CompletionStage<TransferResult> propose(@PathParam("mode") String mode, byte[] body,
            @HeaderParam(ClusterSecret.DIGEST_HEADER) String digest) {
        Mode running = strategy.mode();
        Instance<ForwardTarget> target = targets.select(new ForMode.Literal(running));
        if (!running.value().equals(mode) || !target.isResolvable()) {
            throw new ProblemException(ProblemType.NOT_FOUND, null);
        }
        // The headers' signature is MemberSignatureFilter's; the body must be the one they signed, checked on the raw
        // bytes before parsing, so an unsigned body is never even read as a command.
        if (!ClusterSecret.bodyMatches(body, digest)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED,
                    "only members of the cluster may forward, with a fresh signature");
        }
        TransferCommand command;
        try {
            command = json.readValue(body, TransferCommand.class);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, null);
        }
        return target.get().proposeAsLeader(command);
    }
}
