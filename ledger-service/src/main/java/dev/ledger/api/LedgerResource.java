package dev.ledger.api;

import dev.ledger.store.AuditReport;
import dev.ledger.store.AuditRuns;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger")
public class LedgerResource {

    @Inject
    AuditRuns audit;

    /** The five invariants, each with its figures, from one consistent snapshot; {@code ok} is their conjunction. */
    @GET
    @Path("/audit")
    @Operation(operationId = "auditLedger", summary = "Check the five ledger invariants")
    @APIResponseSchema(value = AuditReport.class, responseCode = "200",
            responseDescription = "Each invariant with its figures; ok is false if any is broken")
    @APIResponse(responseCode = "503", description = "unavailable: too many audits at once, or the database")
    public AuditReport audit() {
        return audit.audit();
    }
}
