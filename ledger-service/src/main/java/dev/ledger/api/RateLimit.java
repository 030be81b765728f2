package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.mode.leader.ClusterSecret;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 429 problem+json (with Retry-After) to a client address above {@code ledger.http.rate-limit-per-client-
 * per-second}. Exempt: the health and metrics endpoints under /q (probes and scrapers must always get through) and
 * node-to-node forwarding whose signature verifies, whose load is the clients' load, already limited at the node they
 * called.
 * The exemptions are decided on the raw path, before routing, so a path with dot segments is refused with 400: the
 * router would resolve {@code /q/../accounts/x} to {@code /accounts/x} and the limit would be walked around.
 */
@ApplicationScoped
public class RateLimit {

    /** Looked up per request: filters are built at static init, before runtime configuration exists. */
    @Inject
    Instance<LedgerConfig> config;

    private volatile ClientRateLimiter limiter;
    /** Empty in the modes without a leader, where no secret is configured; null until first needed. */
    private volatile Optional<ClusterSecret> secret;

    @ServerRequestFilter(preMatching = true)
    public Response limit(HttpServerRequest request) {
        String path = request.path();
        if (hasDotSegment(path)) {
            return Problems.response(ProblemType.INVALID_REQUEST, "a path may not contain . or .. segments");
        }
        int perSecond = config.get().http().rateLimitPerClientPerSecond();
        if (perSecond <= 0 || path.startsWith("/q/") || isSignedByClusterMember(request)) {
            return null;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        if (limiter().tryAcquire(client, System.nanoTime())) {
            return null;
        }
        return Problems.response(ProblemType.RATE_LIMITED, "at most " + perSecond + " requests a second per client");
    }

    /**
     * Node-to-node requests (forwards to the leader) are exempt only once their signature verifies (from the
     * headers: the body is not read yet; the endpoint checks it against the signed digest), so nobody gets past the
     * limit by the path alone.
     */
    private boolean isSignedByClusterMember(HttpServerRequest request) {
        if (!request.path().startsWith(ClusterSecret.NODE_TO_NODE_PATHS)) {
            return false;
        }
        Optional<ClusterSecret> shared = clusterSecret();
        return shared.isPresent() && shared.get().verifyHeaders(request.method().name(), request.path(),
                request.getHeader(ClusterSecret.TIMESTAMP_HEADER), request.getHeader(ClusterSecret.DIGEST_HEADER),
                request.getHeader(ClusterSecret.SIGNATURE_HEADER), System.currentTimeMillis());
    }

    private Optional<ClusterSecret> clusterSecret() {
        Optional<ClusterSecret> current = secret;
        if (current == null) {
            current = config.get().clusterSecret().map(ClusterSecret::of);
            secret = current;
        }
        return current;
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
