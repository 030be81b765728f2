package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP ceiling for the comparison's baseline: a POST that parses a transfer body like {@code POST /transfers}
 * and does nothing else, so a mode's throughput can be read as a share of what the HTTP stack alone can carry. Off
 * (404, as an unknown path) unless {@code ledger.http.noop-enabled}: only the comparison's clusters need it.
 */
@Path("/internal/noop")
@Tag(name = "Internal")
public class NoopResource {

    @Inject
    LedgerConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "noop", summary = "Parse a transfer body and do nothing: the comparison's HTTP baseline",
            description = "Checks no field and moves no money. Off (404) unless ledger.http.noop-enabled is set, as in"
                    + " the clusters of ./ledger compare.")
    @APIResponse(responseCode = "204", description = "Parsed")
    @APIResponse(responseCode = "400", description = "malformed-json")
    @APIResponse(responseCode = "404", description = "off on this node")
    public void accept(TransferRequest ignored) {
        if (!config.http().noopEnabled()) {
            throw new NotFoundException();
        }
        // nothing else: that is the measurement
    }
}
