package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared body above {@code ledger.http.max-body-bytes} with 413 problem+json before it is parsed.
 * (A chunked body without Content-Length is bounded by the transport's quarkus.http.limits.max-body-size.)
 */
public class BodySizeLimit {

    /** Looked up per request: filters are built at static init, before runtime configuration exists. */
    @Inject
    Instance<LedgerConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedBody(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return null;
        }
        long limit = config.get().http().maxBodyBytes();
        try {
            if (Long.parseLong(declared.trim()) <= limit) {
                return null;
            }
        } catch (NumberFormatException notANumber) {
            return Problems.response(ProblemType.INVALID_REQUEST, "Content-Length is not a number");
        }
        return Problems.response(ProblemType.PAYLOAD_TOO_LARGE, "bodies are limited to " + limit + " bytes");
    }
}
