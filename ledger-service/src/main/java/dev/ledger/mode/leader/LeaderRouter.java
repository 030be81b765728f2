package dev.ledger.mode.leader;

import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.Leadership.Member;
import dev.ledger.mode.Stages;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a transfer on any node of a mode with one elected leader, so that a client never needs to know who leads:
 * the leader decides it, a follower forwards it to the leader (or redirects a client that asked for it), and a node
 * that knows no leader waits for one for up to {@code leaderWaitMs}, counted from when it lost its leader. That wait
 * rides out an election; a node that has had no leader for longer is cut off from the others, and says so at once
 * so that its clients try another node.
 */
public final class LeaderRouter {

    private static final long LEADER_POLL_MS = 20;

    private final ForwardTarget target;
    private final String selfId;
    private final LeaderForwarder forwarder;
    private final long leaderWaitMs;

    /**
     * @param selfId this node's id ({@code ledger.node-id}), the one it has as a member: it never forwards to itself
     */
    public LeaderRouter(ForwardTarget target, String selfId, LeaderForwarder forwarder, long leaderWaitMs) {
        this.target = target;
        this.selfId = selfId;
        this.forwarder = forwarder;
        this.leaderWaitMs = leaderWaitMs;
    }

    /**
     * The leader's answer, or the forward's; a refusal fails it (or is thrown). No thread waits: this runs on the
     * event loop, and a node that knows no leader yet looks again on a timer.
     */
    public CompletableFuture<TransferResult> transfer(TransferCommand command) {
        LeaderContact.View contact = target.leaderContact();
        long deadline = System.currentTimeMillis() + Math.max(0, leaderWaitMs - contact.leaderlessForMs());
        return route(command, contact, deadline);
    }

    private CompletableFuture<TransferResult> route(TransferCommand command, LeaderContact.View contact,
            long deadline) {
        if (target.takesTransfers()) {
            return target.proposeAsLeader(command);
        }
        Optional<Member> leader = contact.leader();
        if (leader.isPresent() && !leader.get().id().equals(selfId)) {
            return forwarder.forward(leader.get(), command, () -> target.leaderContact().leader().equals(leader));
        }
        if (System.currentTimeMillis() >= deadline) {
            throw new Unavailable(target.whyNoLeader(contact.leaderlessForMs()));
        }
        return Stages.after(LEADER_POLL_MS, () -> route(command, target.leaderContact(), deadline));
    }

    /**
     * The leader a client that asked not to be forwarded is sent to; empty when this node takes the transfer itself
     * or knows no leader yet.
     */
    public Optional<URI> redirectTarget() {
        if (target.takesTransfers()) {
            return Optional.empty();
        }
        return target.leaderContact().leader().filter(leader -> !leader.id().equals(selfId)).map(Member::httpUrl);
    }
}
