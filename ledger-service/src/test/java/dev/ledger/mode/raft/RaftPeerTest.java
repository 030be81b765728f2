package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RaftPeerTest {

    @Test
    void parsesEveryPeer() {
        List<RaftPeer> peers = RaftPeer.parseAll(
                "n1@127.0.0.1:8181@http://127.0.0.1:8081, n2@ledger-1.ledger-raft:8181@http://ledger-1.ledger-raft:8080");
        assertEquals(List.of(
                new RaftPeer("n1", "127.0.0.1", 8181, URI.create("http://127.0.0.1:8081")),
                new RaftPeer("n2", "ledger-1.ledger-raft", 8181, URI.create("http://ledger-1.ledger-raft:8080"))),
                peers);
        assertEquals("127.0.0.1:8181", peers.get(0).raftAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "n1", "n1@127.0.0.1@http://x", "n1@127.0.0.1:0@http://x", "n1@h:99999@http://x",
            "@h:1@http://x", "n1@h:1@not a url", "n1@h:1@http://a,n1@h:2@http://b", "n1@h:1@http://a,n2@h:1@http://b"})
    void refusesMalformedOrDuplicatedPeers(String peers) {
        assertThrows(IllegalArgumentException.class, () -> RaftPeer.parseAll(peers));
    }
}
