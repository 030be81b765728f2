package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.mode.TransferStrategy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster")
public class ClusterResource {

    @Inject
    LedgerConfig config;
    @Inject
    TransferStrategy strategy;

    @GET
    @Operation(operationId = "getCluster", summary = "This node's mode and place in the cluster")
    @APIResponseSchema(value = ClusterResponse.class, responseCode = "200", responseDescription = "This node")
    public ClusterResponse cluster() {
        return ClusterResponse.of(config.nodeId(), strategy);
    }
}
