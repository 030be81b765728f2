package dev.ledger.mode.database;

import dev.ledger.contract.Mode;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.ForMode;
import dev.ledger.mode.TransferStrategy;
import dev.ledger.store.AccountEntity;
import dev.ledger.store.AccountRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.StaleStateException;

/**
 * Version checks: read both accounts without locks, decide, and write them back only if their {@code version} is
 * still the one read ({@code UPDATE ... WHERE version = ?}); if another transfer got there first, the whole
 * transaction rolls back and is tried again after a jittered backoff, up to {@code ledger.optimistic.max-attempts}
 * attempts, then 409 write-conflict. Nothing is held between attempts, so no deadlock and no lock wait — but under
 * contention most attempts are wasted work.
 */
@ApplicationScoped
@ForMode(Mode.OPTIMISTIC)
public class OptimisticStrategy implements TransferStrategy {

    @Inject
    IdempotencyGate idempotency;
    @Inject
    AccountRepository accounts;
    @Inject
    EntityTransfers entityTransfers;
    @Inject
    OptimisticConfig config;

    private final Counter retries;

    @Inject
    OptimisticStrategy(MeterRegistry registry) {
        retries = Counter.builder(DatabaseMetrics.OPTIMISTIC_RETRIES)
                .description("Optimistic transfer attempts that lost a version check and were retried")
                .register(registry);
    }

    @Override
    public Mode mode() {
        return Mode.OPTIMISTIC;
    }

    @Override
    public CompletionStage<TransferResult> transfer(TransferCommand command) {
        return CompletableFuture.completedFuture(decide(command));
    }

    private TransferResult decide(TransferCommand command) {
        int maxAttempts = config.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew()
                        .call(() -> idempotency.answerOrExecute(command, this::readDecideAndWrite));
            } catch (RuntimeException failure) {
                if (!isVersionConflict(failure)) {
                    throw failure;
                }
                if (attempt >= maxAttempts) {
                    return new TransferResult.WriteConflict();
                }
                retries.increment();
                backOff(attempt);
            }
        }
    }

    private TransferResult readDecideAndWrite(TransferCommand command) {
        Map<String, AccountEntity> both = accounts.findBoth(command.from(), command.to());
        AccountEntity from = both.get(command.from());
        AccountEntity to = both.get(command.to());
        TransferResult result = entityTransfers.decideAndRecord(command, from, to, mode());
        // Write now, inside the attempt, so that a lost version check surfaces here as a conflict to retry.
        accounts.flush();
        return result;
    }

    /** Full jitter: spreads the retries of colliding transfers apart so they do not collide again in lockstep. */
    private void backOff(int attempt) {
        long capMs = Math.min(config.backoffMsMax(), config.backoffMsBase() << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(capMs + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", interrupted);
        }
    }

    private static boolean isVersionConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
