package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.strategy.TransferStrategy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    /** Database-mode nodes share nothing but PostgreSQL: none leads, any can serve any request. */
    static final String STATELESS = "STATELESS";

    @Inject
    LedgerConfig config;
    @Inject
    TransferStrategy strategy;

    @GET
    public ClusterResponse cluster() {
        return new ClusterResponse(strategy.mode().value(), config.nodeId(), STATELESS, null, null, List.of(),
                null, null);
    }
}
