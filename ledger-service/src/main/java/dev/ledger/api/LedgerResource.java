package dev.ledger.api;

import dev.ledger.store.AuditReport;
import dev.ledger.store.AuditRuns;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    @Inject
    AuditRuns audit;

    /** The five invariants, each with its figures, from one consistent snapshot; {@code ok} is their conjunction. */
    @GET
    @Path("/audit")
    public AuditReport audit() {
        return audit.audit();
    }
}
