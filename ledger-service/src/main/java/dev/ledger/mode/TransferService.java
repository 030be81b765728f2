package dev.ledger.mode;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.operations.MetricNames;
import dev.ledger.store.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Runs a transfer through the active strategy and measures it: outcomes by mode, latency, lock timeouts. */
@ApplicationScoped
public class TransferService {

    private final TransferStrategy strategy;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter lockTimeouts;

    @Inject
    TransferService(TransferStrategy strategy, MeterRegistry registry) {
        this.strategy = strategy;
        this.registry = registry;
        this.latency = Timer.builder(MetricNames.TRANSFER_DURATION)
                .description("Time to decide a transfer request, from the strategy's start to its answer")
                .tag("mode", strategy.mode().value())
                .publishPercentileHistogram()
                .register(registry);
        this.lockTimeouts = Counter.builder(MetricNames.LOCK_TIMEOUTS)
                .description("Transfers that waited longer than ledger.lock-timeout-ms for a row lock")
                .tag("mode", strategy.mode().value())
                .register(registry);
    }

    /** Where a client that asked not to be forwarded should send its transfer ({@link TransferStrategy#redirectTo}). */
    public Optional<URI> redirectTo() {
        return strategy.redirectTo();
    }

    public TransferResult transfer(TransferCommand command) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            TransferResult result = strategy.transfer(command);
            outcome = (result.replayed() ? "replayed_" : "") + result.outcome().name().toLowerCase(Locale.ROOT);
            return result;
        } catch (RuntimeException failure) {
            RuntimeException answered = DatabaseFailures.asClientFailure(failure).orElse(failure);
            if (DatabaseFailures.isLockTimeout(failure)) {
                lockTimeouts.increment();
                outcome = "lock_timeout";
            } else if (answered instanceof Unavailable) {
                outcome = "unavailable";
            } else if (answered instanceof OutcomeUnknown) {
                outcome = "outcome_unknown";
            }
            throw answered;
        } finally {
            sample.stop(latency);
            registry.counter(MetricNames.TRANSFERS, "mode", strategy.mode().value(), "outcome", outcome).increment();
        }
    }
}
