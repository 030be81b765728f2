package dev.ledger.mode.raft;

import dev.ledger.config.NodeList;
import dev.ledger.mode.Leadership.Member;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One member of the raft group: its id (the node id), its raft RPC address, and its HTTP address (where followers
 * forward writes). Parsed from {@code ledger.raft.peers}: {@code id@host:raftPort@httpUrl}, comma-separated.
 */
public record RaftPeer(String id, String raftHost, int raftPort, URI httpUrl) {

    /** In {@code ledger.raft.peer-template}: a member's ordinal, as in a StatefulSet's pod names. */
    public static final String ORDINAL = "{n}";

    /** As a member of the group, to the rest of the service: its id and HTTP address. */
    public Member member() {
        return new Member(id, httpUrl);
    }

    /** "host:port", the form JRaft's PeerId uses. */
    public String raftAddress() {
        return raftHost + ":" + raftPort;
    }

    /**
     * The group as configured: {@code ledger.raft.peers}, or {@code ledger.raft.peer-template} made into one entry per
     * member (a StatefulSet's pods, whose count is its replicas, so no one writes the list by hand).
     */
    public static List<RaftPeer> group(Optional<String> peers, Optional<String> template, OptionalInt members) {
        if (peers.isPresent() && template.isEmpty() && members.isEmpty()) {
            return parseAll(peers.get());
        }
        if (peers.isEmpty() && template.isPresent() && members.isPresent() && members.getAsInt() > 0) {
            return parseAll(IntStream.range(0, members.getAsInt())
                    .mapToObj(ordinal -> template.get().replace(ORDINAL, String.valueOf(ordinal)))
                    .collect(Collectors.joining(",")));
        }
        throw new IllegalStateException("raft mode needs ledger.raft.peers (env LEDGER_RAFT_PEERS: "
                + "id@host:raftPort@httpUrl,...), or instead ledger.raft.peer-template with ledger.raft.members > 0 "
                + "(env LEDGER_RAFT_PEER_TEMPLATE, LEDGER_RAFT_MEMBERS)");
    }

    public static List<RaftPeer> parseAll(String peers) {
        List<RaftPeer> parsed = NodeList.parse(peers, "ledger.raft.peers", RaftPeer::parse, RaftPeer::id,
                List.of(RaftPeer::id, RaftPeer::raftAddress));
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("ledger.raft.peers is empty");
        }
        return parsed;
    }

    static RaftPeer parse(String spec) {
        String[] parts = spec.split("@", 3);
        if (parts.length != 3) {
            throw invalid(spec);
        }
        int colon = parts[1].lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(spec);
        }
        try {
            int port = Integer.parseInt(parts[1].substring(colon + 1));
            URI http = URI.create(parts[2]);
            if (port <= 0 || port > 65_535 || http.getHost() == null || parts[0].isBlank()) {
                throw invalid(spec);
            }
            return new RaftPeer(parts[0], parts[1].substring(0, colon), port, http);
        } catch (IllegalArgumentException e) {
            throw invalid(spec);
        }
    }

    private static IllegalArgumentException invalid(String spec) {
        return new IllegalArgumentException("ledger.raft.peers entry '" + spec
                + "' is not id@host:raftPort@httpUrl (e.g. n1@127.0.0.1:8181@http://127.0.0.1:8081)");
    }
}
