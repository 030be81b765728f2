package dev.ledger.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A setting that lists nodes, comma-separated ({@code ledger.raft.peers}, {@code ledger.dashboard.nodes}). */
public final class NodeList {

    private NodeList() {
    }

    /**
     * Parses each entry (blank ones skipped) and refuses a node listed twice: wrong entries stop start-up, since a
     * cluster or dashboard silently missing a node would mislead.
     *
     * @param uniqueBy what no two entries may share (the id, and for raft peers also the raft address)
     */
    public static <T> List<T> parse(String list, String property, Function<String, T> parseEntry,
            Function<T, String> id, List<Function<T, ?>> uniqueBy) {
        List<T> parsed = new ArrayList<>();
        List<Set<Object>> seen = uniqueBy.stream().map(key -> (Set<Object>) new HashSet<>()).toList();
        for (String spec : list.split(",")) {
            if (spec.isBlank()) {
                continue;
            }
            T node = parseEntry.apply(spec.trim());
            for (int i = 0; i < uniqueBy.size(); i++) {
                if (!seen.get(i).add(uniqueBy.get(i).apply(node))) {
                    throw new IllegalArgumentException(property + " names " + id.apply(node) + " twice");
                }
            }
            parsed.add(node);
        }
        return List.copyOf(parsed);
    }
}
