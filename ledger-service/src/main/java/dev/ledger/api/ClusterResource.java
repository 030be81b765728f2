package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.mode.TransferStrategy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    LedgerConfig config;
    @Inject
    TransferStrategy strategy;

    @GET
    public ClusterResponse cluster() {
        return ClusterResponse.of(config.nodeId(), strategy);
    }
}
