package dev.ledger.mode.leader;

import dev.ledger.mode.Leadership.Member;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Since when this node has had no leader: the leader as the mode's election sees it (raft: JRaft's leader id), looked
 * at by every request, and by a watchdog where the mode has one (so a loss is noticed without requests too). An
 * election forgets a leader it has not heard from for a while; a node that has had none for longer than an election
 * takes is cut off from the others, and a request cannot win anything there by waiting.
 */
public final class LeaderContact {

    private final Supplier<Optional<Member>> electedLeader;
    private Member leader;
    private long changedAtNanos = System.nanoTime();

    public LeaderContact(Supplier<Optional<Member>> electedLeader) {
        this.electedLeader = electedLeader;
    }

    /**
     * @param leader the leader this node follows (itself included), if any
     * @param leaderlessForMs how long this node has had no leader; 0 while it has one
     */
    public record View(Optional<Member> leader, long leaderlessForMs) {
    }

    public synchronized View look() {
        Member seen = electedLeader.get().orElse(null);
        long now = System.nanoTime();
        if (!Objects.equals(seen, leader)) {
            leader = seen;
            changedAtNanos = now;
        }
        return new View(Optional.ofNullable(leader), leader == null ? (now - changedAtNanos) / 1_000_000 : 0);
    }
}
