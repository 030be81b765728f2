package dev.ledger.mode.raft;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Since when this node has had no leader: JRaft's leader id, looked at by every request and by the watchdog (so a
 * loss is noticed without requests too). JRaft forgets a leader it has not heard from for an election timeout; a
 * node that has had none for longer than an election takes is cut off from the majority, and a request cannot win
 * anything there by waiting.
 */
final class LeaderContact {

    private final Supplier<Optional<RaftPeer>> jraftLeader;
    private RaftPeer leader;
    private long changedAtNanos = System.nanoTime();

    LeaderContact(Supplier<Optional<RaftPeer>> jraftLeader) {
        this.jraftLeader = jraftLeader;
    }

    /**
     * @param leader the leader this node follows (itself included), if any
     * @param leaderlessForMs how long this node has had no leader; 0 while it has one
     */
    record View(Optional<RaftPeer> leader, long leaderlessForMs) {
    }

    synchronized View look() {
        RaftPeer seen = jraftLeader.get().orElse(null);
        long now = System.nanoTime();
        if (!Objects.equals(seen, leader)) {
            leader = seen;
            changedAtNanos = now;
        }
        return new View(Optional.ofNullable(leader), leader == null ? (now - changedAtNanos) / 1_000_000 : 0);
    }
}
