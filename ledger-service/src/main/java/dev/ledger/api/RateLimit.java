package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 problem+json (with Retry-After) to a client address above {@code ledger.http.rate-limit-per-client-
 * per-second}. Exempt: the health and metrics endpoints under /q (probes and scrapers must always get through) and
 * the signed node-to-node forwarding, whose load is the clients' load, already limited at the node they called.
 */
@ApplicationScoped
public class RateLimit {

    /** Looked up per request: filters are built at static init, before runtime configuration exists. */
    @Inject
    Instance<LedgerConfig> config;

    private volatile ClientRateLimiter limiter;

    @ServerRequestFilter(preMatching = true)
    public Response limit(HttpServerRequest request) {
        int perSecond = config.get().http().rateLimitPerClientPerSecond();
        String path = request.path();
        if (perSecond <= 0 || path.startsWith("/q/") || path.startsWith("/internal/raft/")) {
            return null;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        if (limiter().tryAcquire(client, System.nanoTime())) {
            return null;
        }
        return Problems.response(ProblemType.RATE_LIMITED, "at most " + perSecond + " requests a second per client");
    }

    private ClientRateLimiter limiter() {
        ClientRateLimiter current = limiter;
        if (current == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new ClientRateLimiter(config.get().http().rateLimitPerClientPerSecond());
                }
                current = limiter;
            }
        }
        return current;
    }
}
