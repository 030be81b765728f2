package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.mode.leader.SignedForwards;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 problem+json (with Retry-After) to a client address above {@code ledger.http.rate-limit-per-client-
 * per-second}. Exempt: the health and metrics endpoints under /q (probes and scrapers must always get through) and
 * node-to-node forwarding, whose load is the clients' load, already limited at the node they called (only a signed
 * request gets there: {@link MemberSignatureFilter} runs first).
 * The exemptions are decided on the raw path, before routing, so a path with dot segments is refused with 400: the
 * router would resolve {@code /q/../accounts/x} to {@code /accounts/x} and the limit would be walked around.
 */
@ApplicationScoped
public class RateLimit {

    /** Looked up per request: filters are built at static init, before runtime configuration exists. */
    @Inject
    Instance<LedgerConfig> config;

    @Inject
    SignedForwards signatures;

    private volatile ClientRateLimiter limiter;

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER)
    public Response limit(HttpServerRequest request) {
        String path = request.path();
        if (hasDotSegment(path)) {
            return Problems.response(ProblemType.INVALID_REQUEST, "a path may not contain . or .. segments");
        }
        int perSecond = config.get().http().rateLimitPerClientPerSecond();
        if (perSecond <= 0 || path.startsWith("/q/") || signatures.guards(path)) {
            return null;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        if (limiter().tryAcquire(client, System.nanoTime())) {
            return null;
        }
        return Problems.response(ProblemType.RATE_LIMITED, "at most " + perSecond + " requests a second per client");
    }

    /** {@code .} or {@code ..} as a segment, also percent-encoded: the router decodes {@code %2E}, then resolves. */
    static boolean hasDotSegment(String rawPath) {
        String path = rawPath.replace("%2e", ".").replace("%2E", ".");
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
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
