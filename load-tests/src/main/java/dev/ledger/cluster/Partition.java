package dev.ledger.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who cannot reach whom, in Jepsen's nemesis terms: pairs cut from each other (both ways), of nodes and ZooKeeper
 * members, and nodes cut from PostgreSQL. Clients on the host still reach every node, so a node on the wrong side
 * goes on answering them, which is what a partition test must see.
 */
public record Partition(String description, Set<List<String>> cutPairs, Set<String> cutFromDatabase) {

    /** {@code node} against all the others. */
    public static Partition isolate(String node, List<String> all) {
        return split(List.of(node), all);
    }

    /** {@code side} against the rest of {@code all}. */
    public static Partition split(Collection<String> side, List<String> all) {
        List<String> other = all.stream().filter(node -> !side.contains(node)).toList();
        if (side.isEmpty() || other.isEmpty() || !all.containsAll(side)) {
            throw new IllegalArgumentException("a split needs nodes of " + all + " on both sides, not " + side);
        }
        Set<List<String>> pairs = new TreeSet<>(Partition::compare);
        side.forEach(a -> other.forEach(b -> pairs.add(pair(a, b))));
        return new Partition(String.join(" ", new TreeSet<>(side)) + " | " + String.join(" ", other), pairs,
                Set.of());
    }

    /**
     * Two halves of the other nodes that cannot reach each other, and {@code middle}, which reaches both: each
     * half with the middle is a majority, and the two majorities share only the middle.
     */
    public static Partition bridge(String middle, List<String> all) {
        List<String> others = new ArrayList<>(all.stream().filter(node -> !node.equals(middle)).toList());
        if (others.size() < 2 || !all.contains(middle)) {
            throw new IllegalArgumentException("a bridge needs a middle node of " + all + " and two more");
        }
        List<String> left = others.subList(0, others.size() / 2);
        List<String> right = others.subList(others.size() / 2, others.size());
        Set<List<String>> pairs = new TreeSet<>(Partition::compare);
        left.forEach(a -> right.forEach(b -> pairs.add(pair(a, b))));
        return new Partition(String.join(" ", left) + " | " + String.join(" ", right) + ", bridged by " + middle,
                pairs, Set.of());
    }

    /**
     * {@code node} cut from every ZooKeeper member of {@code members}; it still reaches the other nodes and PostgreSQL,
     * and they reach it.
     */
    public static Partition fromEnsemble(String node, List<String> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("there is no ZooKeeper ensemble to cut " + node + " from");
        }
        Set<List<String>> pairs = new TreeSet<>(Partition::compare);
        members.forEach(member -> pairs.add(pair(node, member)));
        return new Partition(node + " | ZooKeeper " + String.join(" ", members), pairs, Set.of());
    }

    /** {@code node} cut from PostgreSQL only; it still reaches the other nodes and they reach it. */
    public static Partition fromDatabase(String node) {
        return new Partition(node + " | PostgreSQL", Set.of(), Set.of(node));
    }

    /** The nodes {@code node} cannot reach. */
    public Set<String> unreachableFrom(String node) {
        return cutPairs.stream().filter(pair -> pair.contains(node))
                .map(pair -> pair.get(0).equals(node) ? pair.get(1) : pair.get(0))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> pair(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

    private static int compare(List<String> x, List<String> y) {
        return String.join(" ", x).compareTo(String.join(" ", y));
    }
}
