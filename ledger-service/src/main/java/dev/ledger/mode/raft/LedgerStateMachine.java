package dev.ledger.mode.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.raft.IndexFencedStore.Fence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The ledger's raft state machine. Its state is the shared PostgreSQL database; it applies committed entries in log
 * order through {@link IndexBatchApplier}, whole entries up to about {@code batchMax} transfers per database
 * transaction, and answers the proposer's closures once their batch is committed. Followers give the leader a head
 * start on each batch, skip it without a transaction once the fence shows it applied (so the fence lock is rarely
 * contended, and the database does each batch's work once), and apply whatever the leader has not, which keeps the
 * database current if the leader dies.
 *
 * <p>A batch that fails transiently (database down) is retried until it succeeds: apply waits, it never skips; how
 * long it has been stalled is known ({@link #applyStalledForMs}), so the leader can refuse proposals and hand over.
 * A database that is not this group's ({@link DatabaseNotOwned}) or an entry that cannot be read stops this node
 * for good, loudly: the state machine halts and tells {@code onHalt} (the service then exits). The first claim
 * entry in the log names the group ({@link GroupClaim}); it is kept with each snapshot. It also tracks the term and
 * role, which JRaft has no public getter for.
 */
public class LedgerStateMachine extends StateMachineAdapter {

    private static final Logger LOG = Logger.getLogger(LedgerStateMachine.class);
    static final String SNAPSHOT_FILE = "ledger-snapshot";
    private static final long RETRY_BACKOFF_MS_MAX = 1_000;

    private final IndexBatchApplier applier;
    private final int batchMax;
    private final long followerApplyDelayMs;
    private final BatchObserver observer;
    private final Supplier<Fence> databaseFence;

    private final Consumer<UUID> groupKnown;
    private final Consumer<String> onHalt;

    private volatile LeaderTerm leaderTerm = new LeaderTerm(0, false);
    private volatile long appliedIndex;
    private volatile boolean stopping;
    private volatile UUID groupId;
    /** When the first attempt at the current batch began ({@link System#nanoTime()}); 0 between batches. */
    private volatile long attemptingSinceNanos;
    /** Whether an attempt at the current batch has failed. */
    private volatile boolean failing;
    /** Why this node stopped applying for good, or null. */
    private volatile String halted;

    /**
     * @param databaseFence the database's fence now: a snapshot must never be ahead of it, nor of another group
     * @param groupKnown told the group's id once this node learns it, to keep it with the node's raft data
     * @param onHalt told why, once this node has stopped applying for good
     */
    public LedgerStateMachine(IndexBatchApplier applier, int batchMax, long followerApplyDelayMs,
            BatchObserver observer, Supplier<Fence> databaseFence, Consumer<UUID> groupKnown, Consumer<String> onHalt) {
        this.applier = applier;
        this.batchMax = batchMax;
        this.followerApplyDelayMs = followerApplyDelayMs;
        this.observer = observer;
        this.databaseFence = databaseFence;
        this.groupKnown = groupKnown;
        this.onHalt = onHalt;
    }

    /** Told of every batch applied: its transfers and how long it took, retries included. */
    public interface BatchObserver {
        void applied(int transfers, long nanos);
    }

    @Override
    public void onApply(Iterator iterator) {
        // One element per transfer: an entry may carry many (a batch), all applied in the same transaction.
        List<LogEntry> batch = new ArrayList<>();
        List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
        try {
            while (iterator.hasNext()) {
                Optional<GroupClaim> claim = TransferCodec.claim(iterator.getData());
                if (claim.isPresent()) {
                    if (!flush(batch, answers, iterator)) {
                        return;
                    }
                    long index = iterator.getIndex();
                    long entryTerm = iterator.getTerm();
                    if (!retrying(iterator, 0, index, index, () -> applyClaim(index, entryTerm, claim.get()))) {
                        return;
                    }
                    iterator.next();
                    continue;
                }
                List<TransferCommand> commands = TransferCodec.decodeAll(iterator.getData());
                TransferClosure closure = iterator.done() instanceof TransferClosure own ? own : null;
                if (closure != null && closure.transfers() != commands.size()) {
                    throw new IllegalStateException("entry " + iterator.getIndex() + " carries " + commands.size()
                            + " transfers, its proposer's closure answers " + closure.transfers());
                }
                for (int position = 0; position < commands.size(); position++) {
                    batch.add(new LogEntry(iterator.getIndex(), iterator.getTerm(), commands.get(position)));
                    answers.add(closure == null ? null : closure.answer(position));
                }
                iterator.next();
                if (batch.size() >= batchMax && !flush(batch, answers, iterator)) {
                    return;
                }
            }
            flush(batch, answers, iterator);
        } catch (IllegalArgumentException undecodable) {
            // Applying past an entry we cannot read would diverge from the log: stop this node instead.
            try {
                if (flush(batch, answers, iterator)) {
                    halt(iterator, 1, "undecodable entry at index " + iterator.getIndex() + ": "
                            + undecodable.getMessage());
                }
            } catch (DatabaseNotOwned notOwned) {
                halt(iterator, LogEntry.entries(batch) + 1, notOwned.getMessage());
            }
        } catch (DatabaseNotOwned notOwned) {
            halt(iterator, LogEntry.entries(batch) + (iterator.hasNext() ? 1 : 0), notOwned.getMessage());
        }
    }

    private Void applyClaim(long index, long entryTerm, GroupClaim claim) throws Exception {
        UUID before = groupId;
        groupId = applier.applyClaim(index, entryTerm, claim, before);
        if (before == null) {
            LOG.infof("raft group %s (claim at index %d)", groupId, index);
            groupKnown.accept(groupId);
        }
        appliedIndex = index;
        return null;
    }

    /** Applies the batch, retrying while the database is unavailable; false if the node is stopping instead. */
    private boolean flush(List<LogEntry> batch, List<CompletableFuture<TransferResult>> answers, Iterator iterator) {
        if (batch.isEmpty()) {
            return true;
        }
        long startNanos = System.nanoTime();
        boolean answering = answers.stream().anyMatch(Objects::nonNull);
        long first = batch.get(0).index();
        long last = batch.get(batch.size() - 1).index();
        List<TransferResult> results = new ArrayList<>();
        boolean applied = retrying(iterator, LogEntry.entries(batch), first, last, () -> {
            // A follower whose batch the leader has applied skips it; it applies only what the leader has not.
            if (!answering && !leaderTerm.leading()
                    && applier.awaitAppliedElsewhere(last, followerApplyDelayMs, groupId, appliedIndex)) {
                return null;
            }
            results.addAll(applier.apply(batch, answering, groupId, appliedIndex));
            return null;
        });
        if (!applied) {
            return false;
        }
        appliedIndex = last;
        observer.applied(batch.size(), System.nanoTime() - startNanos);
        for (int i = 0; i < results.size(); i++) { // empty unless some proposer waits
            if (answers.get(i) != null) {
                answers.get(i).complete(results.get(i));
            }
        }
        batch.clear();
        answers.clear();
        return true;
    }

    /**
     * Runs {@code step} until it succeeds, backing off while it fails transiently; false if the node is stopping
     * instead ({@code unapplied} entries before the current one are then rolled back). {@link DatabaseNotOwned}
     * is not retried: it is thrown.
     */
    private boolean retrying(Iterator iterator, int unapplied, long first, long last, Callable<Void> step) {
        attemptingSinceNanos = System.nanoTime();
        try {
            return retry(iterator, unapplied, first, last, step);
        } finally {
            attemptingSinceNanos = 0;
            failing = false;
        }
    }

    private boolean retry(Iterator iterator, int unapplied, long first, long last, Callable<Void> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                step.call();
                return true;
            } catch (DatabaseNotOwned notOwned) {
                throw notOwned;
            } catch (Exception failure) {
                failing = true;
                if (stopping) {
                    long rollback = unapplied + (iterator.hasNext() ? 1 : 0);
                    iterator.setErrorAndRollback(rollback, new Status(RaftError.ESTATEMACHINE,
                            "stopping with %d entries unapplied", unapplied));
                    return false;
                }
                LOG.warnf("applying raft entries %d-%d failed (attempt %d), retrying: %s", first, last, attempt,
                        failure.toString());
                sleep(Math.min(RETRY_BACKOFF_MS_MAX, 10L << Math.min(attempt, 10)));
            }
        }
    }

    /** Stops this node's state machine for good: JRaft takes the node out of the group (STATE_ERROR). */
    private void halt(Iterator iterator, long rollback, String why) {
        halted = why;
        LOG.errorf("raft node stops applying: %s", why);
        iterator.setErrorAndRollback(rollback, new Status(RaftError.ESTATEMACHINE, "%s", why));
        onHalt.accept(why);
    }

    /**
     * The data lives in PostgreSQL, so a snapshot is only the log position it stands for: every entry up to it is
     * in the database (the fence says so), and the log before it may be discarded.
     */
    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        long index = appliedIndex;
        UUID group = groupId;
        try {
            Files.writeString(Path.of(writer.getPath(), SNAPSHOT_FILE),
                    group == null ? Long.toString(index) : index + " " + group);
            done.run(writer.addFile(SNAPSHOT_FILE) ? Status.OK()
                    : new Status(RaftError.EIO, "could not add the snapshot file"));
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "could not write the snapshot: %s", e.getMessage()));
        }
    }

    /**
     * A lagging or restarted node loads a snapshot instead of replaying the log before it. It is consistent only if
     * the shared database belongs to the snapshot's group and already holds every entry up to the snapshot's index,
     * which the fence tells. A snapshot written before groups had ids has none.
     */
    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        try {
            String[] saved = Files.readString(Path.of(reader.getPath(), SNAPSHOT_FILE), StandardCharsets.UTF_8)
                    .trim().split(" ");
            long index = Long.parseLong(saved[0]);
            UUID group = saved.length > 1 ? UUID.fromString(saved[1]) : null;
            Fence fence = databaseFence.get();
            if (group != null && !group.equals(fence.groupId())) {
                halted = "snapshot of raft group " + group + " at index " + index + ", but the database belongs to "
                        + (fence.groupId() == null ? "no group" : "group " + fence.groupId()) + ". "
                        + DatabaseNotOwned.RECOVERY;
                LOG.error(halted);
                onHalt.accept(halted);
                return false;
            }
            if (fence.appliedIndex() < index) {
                LOG.errorf("snapshot at index %d but the database has applied only %d: refusing it", index,
                        fence.appliedIndex());
                return false;
            }
            appliedIndex = index;
            if (group != null && !group.equals(groupId)) {
                groupId = group;
                groupKnown.accept(group);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("could not load the raft snapshot", e);
            return false;
        }
    }

    @Override
    public void onLeaderStart(long newTerm) {
        leaderTerm = new LeaderTerm(newTerm, true);
        LOG.infof("leader of term %d", newTerm);
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = new LeaderTerm(leaderTerm.term(), false);
        LOG.infof("no longer leader: %s", status);
    }

    @Override
    public void onStartFollowing(LeaderChangeContext context) {
        leaderTerm = new LeaderTerm(context.getTerm(), false);
        LOG.infof("following %s in term %d", context.getLeaderId(), context.getTerm());
    }

    @Override
    public void onShutdown() {
        stopping = true;
    }

    void stopping() {
        stopping = true;
    }

    /**
     * The term this node knows and whether it leads in it, changed together: read apart, a node that has just been
     * elected could be seen leading in the term before (found by the fault suite's history checker).
     */
    public record LeaderTerm(long term, boolean leading) {
    }

    public LeaderTerm leaderTerm() {
        return leaderTerm;
    }

    public long term() {
        return leaderTerm.term();
    }

    public boolean isLeader() {
        return leaderTerm.leading();
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /** The raft group this node's log belongs to; empty until its claim was applied (or a snapshot loaded). */
    public Optional<UUID> groupId() {
        return Optional.ofNullable(groupId);
    }

    /**
     * How long this node has been trying to apply its current batch (a statement hanging on a half-open connection
     * counts, as do failed attempts); 0 between batches.
     */
    public long applyStalledForMs() {
        long since = attemptingSinceNanos;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000;
    }

    /** Whether an attempt at the current batch has failed (it is being retried). */
    public boolean applyFailing() {
        return failing;
    }

    /** Why this node stopped applying for good; empty while it applies. */
    public Optional<String> halted() {
        return Optional.ofNullable(halted);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
