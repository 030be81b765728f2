package dev.ledger.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The HTTP ceiling for the comparison's baseline: a POST that parses a transfer body like {@code POST /transfers}
 * and does nothing else, so a mode's throughput can be read as a share of what the HTTP stack alone can carry.
 */
@Path("/internal/noop")
public class NoopResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public void accept(TransferRequest ignored) {
        // nothing: that is the measurement
    }
}
