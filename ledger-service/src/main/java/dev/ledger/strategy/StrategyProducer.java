package dev.ledger.strategy;

import dev.ledger.config.LedgerConfig;
import dev.ledger.config.Mode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Selects the one active strategy from {@code ledger.mode}; an unknown or missing mode stops start-up. */
@ApplicationScoped
public class StrategyProducer {

    @Produces
    @ApplicationScoped
    TransferStrategy strategy(LedgerConfig config, Instance<PessimisticStrategy> pessimistic,
            Instance<OptimisticStrategy> optimistic, Instance<IdempotencyKeyStrategy> idempotent,
            Instance<RaftStrategy> raft) {
        Mode mode = Mode.parse(config.mode().orElse(null));
        return switch (mode) {
            case PESSIMISTIC -> pessimistic.get();
            case OPTIMISTIC -> optimistic.get();
            case IDEMPOTENT -> idempotent.get();
            case RAFT -> raft.get();
        };
    }

    /** Resolve the strategy at start-up, so a wrong mode fails now rather than at the first transfer. */
    void validateAtStartup(@Observes StartupEvent startup, TransferStrategy strategy) {
        strategy.mode();
    }
}
