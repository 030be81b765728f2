package dev.ledger.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP ceiling for the comparison's baseline: a POST that parses a transfer body like {@code POST /transfers}
 * and does nothing else, so a mode's throughput can be read as a share of what the HTTP stack alone can carry.
 */
@Path("/internal/noop")
@Tag(name = "Internal")
public class NoopResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "noop", summary = "Parse a transfer body and do nothing: the comparison's HTTP baseline",
            description = "Checks no field and moves no money.")
    @APIResponse(responseCode = "204", description = "Parsed")
    @APIResponse(responseCode = "400", description = "malformed-json")
    public void accept(TransferRequest ignored) {
        // nothing: that is the measurement
    }
}
