package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.strategy.ClusterInfo;
import dev.ledger.strategy.TransferStrategy;
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
        ClusterInfo info = strategy.cluster();
        return new ClusterResponse(strategy.mode().value(), config.nodeId(), info.role(), info.leader(), info.term(),
                info.peers(), info.commitIndex(), info.appliedIndex());
    }
}
