package dev.ledger.api;

import dev.ledger.contract.LeaderRouting;
import dev.ledger.mode.Leadership;
import dev.ledger.mode.TransferStrategy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Names the leader this node knows on every answer of a mode with a leader ({@link LeaderRouting#LEADER_HEADER}), so
 * that a client can send its next transfer there and skip the forward.
 */
public class LeaderHeader {

    /** Looked up per answer: filters are built at static init, before the strategy exists. */
    @Inject
    Instance<TransferStrategy> strategy;

    @ServerResponseFilter
    public void nameTheLeader(ContainerResponseContext response) {
        strategy.get().leadership().flatMap(Leadership::leader).ifPresent(leader ->
                response.getHeaders().putSingle(LeaderRouting.LEADER_HEADER, baseUrl(leader.httpUrl())));
    }

    /** The URL without a trailing slash, so that a client appends its path as it does to any node's. */
    static String baseUrl(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
