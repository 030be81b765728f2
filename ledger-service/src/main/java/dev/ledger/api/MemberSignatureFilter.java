package dev.ledger.api;

import dev.ledger.contract.ProblemType;
import dev.ledger.mode.leader.SignedForwards;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request to a node-to-node path (a follower's forward to the leader) gets in only signed by a member of the
 * cluster, checked from its headers before anything else looks at it (the rate limit exempts what passes here) and
 * before its body is read (the endpoint checks the body against the signed digest); 401 otherwise.
 */
public class MemberSignatureFilter {

    @Inject
    SignedForwards signatures;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response admitMembersOnly(HttpServerRequest request) {
        String path = request.path();
        if (!signatures.guards(path)
                || signatures.admits(request.method().name(), path, request::getHeader, System.currentTimeMillis())) {
            return null;
        }
        return Problems.response(ProblemType.UNAUTHENTICATED,
                "only members of the cluster may forward, with a fresh signature");
    }
}
