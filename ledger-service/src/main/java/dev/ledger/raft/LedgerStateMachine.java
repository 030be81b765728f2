package dev.ledger.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import dev.ledger.transfer.TransferResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The ledger's raft state machine. Its state is the shared PostgreSQL database; it applies committed entries in log
 * order through {@link BatchApplier}, up to {@code batchMax} per database transaction, and answers the proposer's
 * closures once their batch is committed. Followers give the leader a head start on each batch (so the fence lock is
 * rarely contended) and then apply whatever it has not, which keeps the database current if the leader dies. A batch that fails (database down) is retried until it succeeds: apply
 * stops, it never skips. It also tracks the term and role, which JRaft has no public getter for.
 */
public class LedgerStateMachine extends StateMachineAdapter {

    private static final Logger LOG = Logger.getLogger(LedgerStateMachine.class);
    static final String SNAPSHOT_FILE = "ledger-snapshot";
    private static final long RETRY_BACKOFF_MS_MAX = 1_000;

    private final BatchApplier applier;
    private final int batchMax;
    private final long followerApplyDelayMs;
    private final BatchObserver observer;
    /** The database's applied index; a snapshot must never be ahead of it. */
    private final LongSupplier databaseAppliedIndex;

    private volatile long term;
    private volatile boolean leader;
    private volatile long appliedIndex;
    private volatile boolean stopping;

    public LedgerStateMachine(BatchApplier applier, int batchMax, long followerApplyDelayMs, BatchObserver observer,
            LongSupplier databaseAppliedIndex) {
        this.applier = applier;
        this.batchMax = batchMax;
        this.followerApplyDelayMs = followerApplyDelayMs;
        this.observer = observer;
        this.databaseAppliedIndex = databaseAppliedIndex;
    }

    /** Told of every batch applied: its size and how long it took, retries included. */
    public interface BatchObserver {
        void applied(int entries, long nanos);
    }

    @Override
    public void onApply(Iterator iterator) {
        List<LogEntry> batch = new ArrayList<>();
        List<TransferClosure> closures = new ArrayList<>();
        while (iterator.hasNext()) {
            LogEntry entry;
            try {
                entry = new LogEntry(iterator.getIndex(), iterator.getTerm(), TransferCodec.decode(iterator.getData()));
            } catch (IllegalArgumentException undecodable) {
                // Applying past an entry we cannot read would diverge from the log: stop this node instead.
                if (!flush(batch, closures, iterator)) {
                    return;
                }
                iterator.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE,
                        "undecodable entry at index %d: %s", iterator.getIndex(), undecodable.getMessage()));
                return;
            }
            batch.add(entry);
            Closure done = iterator.done();
            closures.add(done instanceof TransferClosure closure ? closure : null);
            iterator.next();
            if (batch.size() >= batchMax && !flush(batch, closures, iterator)) {
                return;
            }
        }
        flush(batch, closures, iterator);
    }

    /** Applies the batch, retrying while the database is unavailable; false if the node is stopping instead. */
    private boolean flush(List<LogEntry> batch, List<TransferClosure> closures, Iterator iterator) {
        if (batch.isEmpty()) {
            return true;
        }
        List<TransferResult> results = null;
        long startNanos = System.nanoTime();
        for (int attempt = 1; results == null; attempt++) {
            try {
                boolean answering = closures.stream().anyMatch(Objects::nonNull);
                if (!answering && !leader) {
                    applier.awaitAppliedElsewhere(batch.get(batch.size() - 1).index(), followerApplyDelayMs);
                }
                results = applier.apply(batch, answering);
            } catch (Exception failure) {
                if (stopping) {
                    long rollback = batch.size() + (iterator.hasNext() ? 1 : 0);
                    iterator.setErrorAndRollback(rollback, new Status(RaftError.ESTATEMACHINE,
                            "stopping with %d entries unapplied", batch.size()));
                    return false;
                }
                LOG.warnf("applying raft entries %d-%d failed (attempt %d), retrying: %s", batch.get(0).index(),
                        batch.get(batch.size() - 1).index(), attempt, failure.toString());
                sleep(Math.min(RETRY_BACKOFF_MS_MAX, 10L << Math.min(attempt, 10)));
            }
        }
        appliedIndex = batch.get(batch.size() - 1).index();
        observer.applied(batch.size(), System.nanoTime() - startNanos);
        for (int i = 0; i < results.size(); i++) { // empty unless some closure waits
            if (closures.get(i) != null) {
                closures.get(i).applied(results.get(i));
            }
        }
        batch.clear();
        closures.clear();
        return true;
    }

    /**
     * The data lives in PostgreSQL, so a snapshot is only the log position it stands for: every entry up to it is
     * in the database (the fence says so), and the log before it may be discarded.
     */
    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        long index = appliedIndex;
        try {
            Files.writeString(Path.of(writer.getPath(), SNAPSHOT_FILE), Long.toString(index));
            done.run(writer.addFile(SNAPSHOT_FILE) ? Status.OK()
                    : new Status(RaftError.EIO, "could not add the snapshot file"));
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "could not write the snapshot: %s", e.getMessage()));
        }
    }

    /**
     * A lagging or restarted node loads a snapshot instead of replaying the log before it. It is consistent only if
     * the shared database already holds every entry up to the snapshot's index, which the fence tells.
     */
    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        try {
            long index = Long.parseLong(Files.readString(Path.of(reader.getPath(), SNAPSHOT_FILE),
                    StandardCharsets.UTF_8).trim());
            long inDatabase = databaseAppliedIndex.getAsLong();
            if (inDatabase < index) {
                LOG.errorf("snapshot at index %d but the database has applied only %d: refusing it", index,
                        inDatabase);
                return false;
            }
            appliedIndex = index;
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("could not load the raft snapshot", e);
            return false;
        }
    }

    @Override
    public void onLeaderStart(long newTerm) {
        term = newTerm;
        leader = true;
        LOG.infof("leader of term %d", newTerm);
    }

    @Override
    public void onLeaderStop(Status status) {
        leader = false;
        LOG.infof("no longer leader: %s", status);
    }

    @Override
    public void onStartFollowing(LeaderChangeContext context) {
        term = context.getTerm();
        LOG.infof("following %s in term %d", context.getLeaderId(), context.getTerm());
    }

    @Override
    public void onShutdown() {
        stopping = true;
    }

    void stopping() {
        stopping = true;
    }

    public long term() {
        return term;
    }

    public boolean isLeader() {
        return leader;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
