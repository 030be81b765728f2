package dev.ledger.mode.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.mode.Leadership.Member;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LeaderContactTest {

    private static final Member N1 = new Member("n1", URI.create("http://127.0.0.1:8081"));
    private static final Member N2 = new Member("n2", URI.create("http://127.0.0.1:8082"));

    private final AtomicReference<Member> electedLeader = new AtomicReference<>();
    private final LeaderContact contact = new LeaderContact(() -> Optional.ofNullable(electedLeader.get()));

    @Test
    void countsFromTheLossOfTheLastLeaderAndNotWhileOneIsKnown() throws InterruptedException {
        electedLeader.set(N1);
        assertEquals(new LeaderContact.View(Optional.of(N1), 0), contact.look());
        Thread.sleep(30);
        assertEquals(0, contact.look().leaderlessForMs(), "a leader is known");

        long lostAt = System.nanoTime();
        electedLeader.set(null);
        contact.look();
        Thread.sleep(60);
        LeaderContact.View cutOff = contact.look();
        assertEquals(Optional.empty(), cutOff.leader());
        assertTrue(cutOff.leaderlessForMs() >= 60 && cutOff.leaderlessForMs() <= msSince(lostAt),
                "counts from the loss: " + cutOff);

        electedLeader.set(N2);
        assertEquals(new LeaderContact.View(Optional.of(N2), 0), contact.look());
        long lostAgainAt = System.nanoTime();
        electedLeader.set(null);
        assertTrue(contact.look().leaderlessForMs() <= msSince(lostAgainAt), "a new loss counts from then");
    }

    private static long msSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
