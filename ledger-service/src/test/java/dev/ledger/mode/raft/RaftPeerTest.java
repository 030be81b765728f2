package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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

    @Test
    void makesOneMemberPerOrdinalFromATemplate() {
        List<RaftPeer> peers = RaftPeer.group(Optional.empty(),
                Optional.of("ledger-{n}@ledger-{n}.ledger-raft:8181@http://ledger-{n}.ledger-raft:8080"),
                OptionalInt.of(3));

        assertEquals(List.of("ledger-0", "ledger-1", "ledger-2"), peers.stream().map(RaftPeer::id).toList());
        assertEquals(new RaftPeer("ledger-2", "ledger-2.ledger-raft", 8181, URI.create("http://ledger-2.ledger-raft:8080")),
                peers.get(2));
    }

    @Test
    void takesThePeerListAsGiven() {
        assertEquals(RaftPeer.parseAll("n1@h:1@http://h:2"),
                RaftPeer.group(Optional.of("n1@h:1@http://h:2"), Optional.empty(), OptionalInt.empty()));
    }

    @Test
    void refusesBothWaysOrNeither() {
        Optional<String> template = Optional.of("n{n}@h{n}:1@http://h{n}:2");
        assertThrows(IllegalStateException.class,
                () -> RaftPeer.group(Optional.empty(), Optional.empty(), OptionalInt.empty()));
        assertThrows(IllegalStateException.class,
                () -> RaftPeer.group(Optional.of("n1@h:1@http://h:2"), template, OptionalInt.of(1)));
        assertThrows(IllegalStateException.class,
                () -> RaftPeer.group(Optional.empty(), template, OptionalInt.empty()));
        assertThrows(IllegalStateException.class, () -> RaftPeer.group(Optional.empty(), template, OptionalInt.of(0)));
        // Without the ordinal every member would be the same one.
        assertThrows(IllegalArgumentException.class,
                () -> RaftPeer.group(Optional.empty(), Optional.of("n@h:1@http://h:2"), OptionalInt.of(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "n1", "n1@127.0.0.1@http://x", "n1@127.0.0.1:0@http://x", "n1@h:99999@http://x",
            "@h:1@http://x", "n1@h:1@not a url", "n1@h:1@http://a,n1@h:2@http://b", "n1@h:1@http://a,n2@h:1@http://b"})
    void refusesMalformedOrDuplicatedPeers(String peers) {
        assertThrows(IllegalArgumentException.class, () -> RaftPeer.parseAll(peers));
    }
}
