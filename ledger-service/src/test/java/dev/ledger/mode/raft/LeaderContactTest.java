package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LeaderContactTest {

    private static final RaftPeer N1 = new RaftPeer("n1", "127.0.0.1", 8181, URI.create("http://127.0.0.1:8081"));
    private static final RaftPeer N2 = new RaftPeer("n2", "127.0.0.1", 8182, URI.create("http://127.0.0.1:8082"));

    private final AtomicReference<RaftPeer> jraftLeader = new AtomicReference<>();
    private final LeaderContact contact = new LeaderContact(() -> Optional.ofNullable(jraftLeader.get()));

    @Test
    void countsFromTheLossOfTheLastLeaderAndNotWhileOneIsKnown() throws InterruptedException {
        jraftLeader.set(N1);
        assertEquals(new LeaderContact.View(Optional.of(N1), 0), contact.look());
        Thread.sleep(30);
        assertEquals(0, contact.look().leaderlessForMs(), "a leader is known");

        long lostAt = System.nanoTime();
        jraftLeader.set(null);
        contact.look();
        Thread.sleep(60);
        LeaderContact.View cutOff = contact.look();
        assertEquals(Optional.empty(), cutOff.leader());
        assertTrue(cutOff.leaderlessForMs() >= 60 && cutOff.leaderlessForMs() <= msSince(lostAt),
                "counts from the loss: " + cutOff);

        jraftLeader.set(N2);
        assertEquals(new LeaderContact.View(Optional.of(N2), 0), contact.look());
        long lostAgainAt = System.nanoTime();
        jraftLeader.set(null);
        assertTrue(contact.look().leaderlessForMs() <= msSince(lostAgainAt), "a new loss counts from then");
    }

    private static long msSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
