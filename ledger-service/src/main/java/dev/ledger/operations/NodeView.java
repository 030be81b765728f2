package dev.ledger.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One node as {@code GET /dashboard/nodes} shows it. The cluster, stats and roleChanges members are passed on as
 * the node answered them (its {@code GET /cluster}, {@code GET /dashboard/stats} and {@link RoleHistory}), so a node
 * of another version still shows; an unreachable node has only id, url and {@code reachable: false}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeView(String id, String url, boolean reachable, Boolean ready, JsonNode cluster, JsonNode stats,
        JsonNode roleChanges) {

    static NodeView unreachable(KnownNode node) {
        return new NodeView(node.id(), node.url().toString(), false, null, null, null, null);
    }
}
