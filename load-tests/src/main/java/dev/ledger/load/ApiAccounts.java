package dev.ledger.load;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens a run's accounts through the API ({@code POST /accounts}), for a cluster whose database the driver cannot
 * reach (a Kubernetes install behind a port-forward): a few requests in flight per node, spread over the nodes.
 */
final class ApiAccounts {

    private static final int IN_FLIGHT = 32;
    private static final long REQUEST_TIMEOUT_MS = 15_000;
    private static final long ALL_TIMEOUT_MINUTES = 10;
    private static final int CREATED = 201;

    private ApiAccounts() {
    }

    /** Accounts {@code prefix + 0 .. prefix + (count - 1)}, each with {@code balance}; an existing one is an error. */
    static void open(List<String> urls, String prefix, int count, long balance)
            throws IOException, InterruptedException {
        try (EventLoopHttp http = new EventLoopHttp(urls, IN_FLIGHT, REQUEST_TIMEOUT_MS)) {
            AtomicInteger next = new AtomicInteger();
            CompletableFuture<?>[] workers = new CompletableFuture<?>[IN_FLIGHT];
            for (int w = 0; w < IN_FLIGHT; w++) {
                CompletableFuture<Void> worker = new CompletableFuture<>();
                workers[w] = worker;
                http.later(0, () -> openNext(http, next, prefix, count, balance, worker));
            }
            CompletableFuture.allOf(workers).get(ALL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IOException("could not open the accounts: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("opening " + count + " accounts took over " + ALL_TIMEOUT_MINUTES + " minutes", e);
        }
    }

    /** One worker: opens the next account, then the one after, until there are none left. */
    private static void openNext(EventLoopHttp http, AtomicInteger next, String prefix, int count, long balance,
            CompletableFuture<Void> done) {
        int number = next.getAndIncrement();
        if (number >= count) {
            done.complete(null);
            return;
        }
        String body = "{\"id\":\"" + AccountPicker.accountId(prefix, number) + "\",\"initialBalance\":" + balance + "}";
        http.post(number % http.nodeCount(), "/accounts", body, Map.of()).onComplete(result -> {
            if (result.succeeded() && result.result().status() == CREATED) {
                openNext(http, next, prefix, count, balance, done);
            } else {
                done.completeExceptionally(new IOException("POST /accounts answered " + (result.succeeded()
                        ? result.result().status() + " " + result.result().body() : result.cause().toString())));
            }
        });
    }
}
