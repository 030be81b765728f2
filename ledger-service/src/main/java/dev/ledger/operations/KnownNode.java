package dev.ledger.operations;

import dev.ledger.config.NodeList;
import java.net.URI;
import java.util.List;

/** A node the dashboard shows: its id and where its HTTP API is. */
record KnownNode(String id, URI url) {

    /**
     * Parses {@code ledger.dashboard.nodes}: {@code id@httpUrl}, comma-separated. Wrong entries stop start-up, like
     * a wrong {@code ledger.raft.peers}: a dashboard silently missing a node would mislead.
     */
    static List<KnownNode> parseAll(String nodes) {
        return NodeList.parse(nodes, "ledger.dashboard.nodes", KnownNode::parse, KnownNode::id,
                List.of(KnownNode::id));
    }

    static KnownNode parse(String spec) {
        int at = spec.indexOf('@');
        if (at <= 0) {
            throw invalid(spec);
        }
        try {
            URI url = URI.create(spec.substring(at + 1));
            boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            if (!http || url.getHost() == null) {
                throw invalid(spec);
            }
            return new KnownNode(spec.substring(0, at), url);
        } catch (IllegalArgumentException notAUri) {
            throw invalid(spec);
        }
    }

    /** {@code url} + {@code path}, whether or not the configured URL ends with a slash. */
    URI resolve(String path) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static IllegalArgumentException invalid(String spec) {
        return new IllegalArgumentException("ledger.dashboard.nodes entry '" + spec
                + "' is not id@httpUrl (e.g. n1@http://127.0.0.1:8081)");
    }
}
