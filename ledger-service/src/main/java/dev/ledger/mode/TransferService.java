package dev.ledger.mode;

import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.store.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Runs a transfer through the active strategy and measures it: outcomes by mode, latency, lock timeouts. */
@ApplicationScoped
public class TransferService {

    private final TransferStrategy strategy;
    /** Quarkus's worker threads, where a strategy that blocks decides: requests arrive on the event loop. */
    private final ManagedExecutor workers;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter lockTimeouts;

    @Inject
    TransferService(TransferStrategy strategy, MeterRegistry registry, ManagedExecutor workers) {
        this.strategy = strategy;
        this.workers = workers;
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

    /**
     * The strategy's answer, measured; a failure completes it with the exception the client is answered by, as it
     * was raised (never wrapped). Called on the event loop: a strategy that blocks is run on a worker thread.
     */
    public CompletableFuture<TransferResult> transfer(TransferCommand command) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        CompletableFuture<TransferResult> decided = strategy.blocks()
                ? workers.supplyAsync(() -> strategy.transfer(command)).thenCompose(stage -> stage)
                : Stages.attempt(() -> strategy.transfer(command));
        decided.whenComplete((result, failure) -> {
            if (failure == null) {
                count(sample, (result.replayed() ? "replayed_" : "")
                        + result.outcome().name().toLowerCase(Locale.ROOT));
                answer.complete(result);
                return;
            }
            Throwable cause = Stages.cause(failure);
            Optional<RuntimeException> told = DatabaseFailures.asClientFailure(cause);
            Throwable answered = told.isPresent() ? told.get() : cause;
            count(sample, outcomeOf(cause, answered));
            answer.completeExceptionally(answered);
        });
        return answer;
    }

    private String outcomeOf(Throwable failure, Throwable answered) {
        if (DatabaseFailures.isLockTimeout(failure)) {
            lockTimeouts.increment();
            return "lock_timeout";
        }
        if (answered instanceof Unavailable) {
            return "unavailable";
        }
        return answered instanceof OutcomeUnknown ? "outcome_unknown" : "error";
    }

    private void count(Timer.Sample sample, String outcome) {
        sample.stop(latency);
        Counter.builder(MetricNames.TRANSFERS).description("Transfer requests this node answered, by mode and outcome")
                .tags("mode", strategy.mode().value(), "outcome", outcome).register(registry).increment();
    }
}
