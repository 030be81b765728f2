package dev.ledger.mode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers that come later, with their failures as they were raised: a stage derived with {@code thenApply} fails
 * with a {@link CompletionException} around the cause, and what the client is answered by is the cause (a 503 says
 * unavailable or outcome unknown, never "CompletionException"). So every answer here is completed by hand.
 */
public final class Stages {

    private Stages() {
    }

    /** The stage {@code step} returns; a failure it throws instead fails the stage. */
    public static <T> CompletableFuture<T> attempt(Supplier<? extends CompletionStage<T>> step) {
        try {
            return step.get().toCompletableFuture();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** {@code step}'s stage, started after {@code delayMs} without holding a thread meanwhile. */
    public static <T> CompletableFuture<T> after(long delayMs, Supplier<? extends CompletionStage<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() ->
                attempt(step).whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(cause(failure));
                    } else {
                        result.complete(value);
                    }
                }));
        return result;
    }

    /** {@code source}'s value through {@code map}; a failure of either as it was raised. */
    public static <T, R> CompletableFuture<R> map(CompletionStage<T> source, Function<? super T, ? extends R> map) {
        CompletableFuture<R> mapped = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                mapped.completeExceptionally(cause(failure));
                return;
            }
            try {
                mapped.complete(map.apply(value));
            } catch (RuntimeException mapFailed) {
                mapped.completeExceptionally(mapFailed);
            }
        });
        return mapped;
    }

    /** {@code source}'s value, or its failure (as raised) through {@code mapFailure}. */
    public static <T> CompletableFuture<T> mapFailure(CompletionStage<T> source,
            Function<Throwable, ? extends Throwable> mapFailure) {
        CompletableFuture<T> mapped = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                mapped.completeExceptionally(mapFailure.apply(cause(failure)));
            } else {
                mapped.complete(value);
            }
        });
        return mapped;
    }

    /** The failure a stage's wrapper stands for. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
