package dev.ledger.operations;

import dev.ledger.contract.ClusterInfo;
import dev.ledger.mode.TransferStrategy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The last role changes of this node in a mode with a leader (raft, zookeeper): when it began to lead, to follow
 * which leader, or to have none, and in which term. A dashboard opened after a failover shows from them what
 * happened before it was opened, not only what happens while it is open. The role is looked at a few times a second
 * rather than told by each mode: one place for both, and a flip shorter than that is not a change a reader needs.
 */
@ApplicationScoped
public class RoleHistory {

    private static final int KEPT = 20;
    private static final long LOOK_EVERY_MS = 250;

    /** A role this node took, from when. */
    public record RoleChange(Instant at, String role, String leader, Long term) {

        boolean sameAs(ClusterInfo info) {
            return role.equals(info.role()) && Objects.equals(leader, info.leader())
                    && Objects.equals(term, info.term());
        }
    }

    @Inject
    TransferStrategy strategy;

    private final Deque<RoleChange> changes = new ArrayDeque<>();
    private ScheduledExecutorService looker;

    void start(@Observes StartupEvent startup) {
        if (strategy.leadership().isEmpty()) {
            return;
        }
        looker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "role-history");
            thread.setDaemon(true);
            return thread;
        });
        looker.scheduleWithFixedDelay(this::look, 0, LOOK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (looker != null) {
            looker.shutdownNow();
        }
    }

    /** Oldest first; empty in the modes without a leader. */
    public synchronized List<RoleChange> changes() {
        return List.copyOf(changes);
    }

    private void look() {
        ClusterInfo info;
        try {
            info = strategy.cluster();
        } catch (RuntimeException stopping) {
            return; // a node that is stopping; the next look tells
        }
        synchronized (this) {
            RoleChange last = changes.peekLast();
            if (last != null && last.sameAs(info)) {
                return;
            }
            changes.addLast(new RoleChange(Instant.now(), info.role(), info.leader(), info.term()));
            if (changes.size() > KEPT) {
                changes.removeFirst();
            }
        }
    }
}
