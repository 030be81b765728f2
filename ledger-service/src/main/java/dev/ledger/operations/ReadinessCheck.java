package dev.ledger.operations;

import dev.ledger.mode.TransferStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the strategy can take writes: always for the database modes (the datasource check covers
 * PostgreSQL); in a leader mode, when a leader is known and this node can write (raft: has applied what is
 * committed; zookeeper: connected, and its writes get through if it leads). Liveness does not look at the cluster:
 * losing quorum must not get healthy nodes restarted.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    TransferStrategy strategy;

    @Override
    public HealthCheckResponse call() {
        var info = strategy.cluster();
        return HealthCheckResponse.named("ledger")
                .status(strategy.ready())
                .withData("mode", strategy.mode().value())
                .withData("role", info.role())
                .build();
    }
}
