package dev.ledger.mode.leader;

import dev.ledger.config.LedgerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * This node's cluster secret, built once from {@code ledger.cluster-secret}, and the one check of a node-to-node
 * request's signature: a leader mode signs its forwards with {@link #secret()}, and the API admits a request to a
 * node-to-node path only when {@link #admits} it. Without a configured secret (the modes without a leader) nothing
 * is guarded: no node-to-node endpoint answers there.
 */
@ApplicationScoped
public class SignedForwards {

    private final Optional<ClusterSecret> secret;

    @Inject
    public SignedForwards(LedgerConfig config) {
        this.secret = config.clusterSecret().map(ClusterSecret::of);
    }

    /** The secret a mode that forwards signs with; it refuses to start without one. */
    public ClusterSecret secret() {
        return secret.orElseThrow(ClusterSecret::missing);
    }

    /** Whether only a signed request may reach this path: a node-to-node path, with a secret configured. */
    public boolean guards(String path) {
        return secret.isPresent() && path.startsWith(ClusterSecret.NODE_TO_NODE_PATHS);
    }

    /**
     * Whether the request's headers were signed with this cluster's secret for its method and path, recently (see
     * {@link ClusterSecret#verifyHeaders}); the endpoint then checks its body against the signed digest.
     */
    public boolean admits(String method, String path, UnaryOperator<String> header, long nowMillis) {
        return secret.isPresent() && secret.get().verifyHeaders(method, path,
                header.apply(ClusterSecret.TIMESTAMP_HEADER), header.apply(ClusterSecret.DIGEST_HEADER),
                header.apply(ClusterSecret.SIGNATURE_HEADER), nowMillis);
    }
}
