package dev.ledger.mode.raft;

import dev.ledger.config.NodeList;
import java.net.URI;
import java.util.List;

/**
 * One member of the raft group: its id (the node id), its raft RPC address, and its HTTP address (where followers
 * forward writes). Parsed from {@code ledger.raft.peers}: {@code id@host:raftPort@httpUrl}, comma-separated.
 */
public record RaftPeer(String id, String raftHost, int raftPort, URI httpUrl) {

    /** "host:port", the form JRaft's PeerId uses. */
    public String raftAddress() {
        return raftHost + ":" + raftPort;
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
