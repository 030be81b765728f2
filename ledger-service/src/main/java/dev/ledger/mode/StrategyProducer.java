package dev.ledger.mode;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.Mode;
import dev.ledger.store.DatabaseRecords;
import dev.ledger.store.LedgerRecords;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Selects the one active strategy from {@code ledger.mode}: the bean qualified {@link ForMode} with it. Only that
 * one is created (a raft node starts only in raft mode). An unknown or missing mode stops start-up.
 */
@ApplicationScoped
public class StrategyProducer {

    @Produces
    @ApplicationScoped
    TransferStrategy strategy(LedgerConfig config, @Any Instance<TransferStrategy> strategies) {
        Mode mode = Mode.parse(config.mode().orElse(null));
        Instance<TransferStrategy> selected = strategies.select(new ForMode.Literal(mode));
        if (!selected.isResolvable()) {
            throw new IllegalStateException("no strategy for mode " + mode.value());
        }
        return selected.get();
    }

    /** The active mode's records: its own, where it keeps them elsewhere than in the service's database. */
    @Produces
    @ApplicationScoped
    LedgerRecords records(TransferStrategy strategy, DatabaseRecords database) {
        return strategy.records().orElse(database);
    }

    /** Resolve the strategy at start-up, so a wrong mode fails now rather than at the first transfer. */
    void validateAtStartup(@Observes StartupEvent startup, TransferStrategy strategy) {
        strategy.mode();
    }
}
