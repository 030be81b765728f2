package dev.ledger.mode.raft;

import dev.ledger.contract.Mode;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.batch.BatchDecider;
import dev.ledger.mode.batch.BatchFailures;
import dev.ledger.mode.batch.BatchWrites;
import dev.ledger.mode.batch.Earlier;
import dev.ledger.mode.batch.Refusal;
import dev.ledger.mode.raft.IndexFencedStore.Fence;
import dev.ledger.mode.raft.IndexFencedStore.Locked;
import dev.ledger.store.DatabaseFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Applies committed raft entries to PostgreSQL, many per database transaction, exactly once.
 *
 * <p>Every node's state machine applies every entry, and all share one database. The fence row (raft_fence) makes
 * that safe: a batch first locks it, skips the entries at or below the applied index stored there, applies the rest
 * in log order and advances the index in the same transaction. So whichever node gets there first applies an entry,
 * the others find it done, and after a crash, a restart or a change of leader nothing is applied twice, skipped, or
 * applied out of order. The fence also names the raft group that owns the database, and each batch checks it
 * ({@link DatabaseNotOwned}). An entry's outcome is decided here, from the balances in the database at its place in
 * the log, by the shared {@link BatchDecider}; every entry leaves a trace (its transfer, or a refusal), so a node that
 * finds an entry already applied reads its outcome back and never has to guess it.
 *
 * <p>A batch that fails with an error no retry cures (a constraint the command violates) is applied again one entry
 * per transaction, and the entry that fails on its own is recorded as refused (INVALID_COMMAND): one bad entry must
 * not stop the log. Other failures (the database unreachable) are thrown, for the caller to retry.
 *
 * <p>Within a batch no row locks are needed: raft appliers are the only writers of balances in raft mode, and the
 * fence lock already serializes them.
 */
public class IndexBatchApplier {

    private static final Logger LOG = Logger.getLogger(IndexBatchApplier.class);
    private static final long FOLLOWER_POLL_MS = 5;

    private final DataSource dataSource;
    private final boolean adoptDatabase;

    /**
     * @param adoptDatabase {@code ledger.raft.adopt-database} on this node: a claim adopts a database that holds
     *     another log's ledger even if the leader that proposed it was not started so (a node that knows its group
     *     never adopts: it refuses to start on another group's database)
     */
    public IndexBatchApplier(DataSource dataSource, boolean adoptDatabase) {
        this.dataSource = dataSource;
        this.adoptDatabase = adoptDatabase;
    }

    /**
     * Waits up to {@code graceMs} for another node (the leader) to apply up to {@code index}, without taking the
     * fence lock: a follower that lets the leader go first does not make the leader's clients wait for its lock.
     * True if it did: the batch is applied and this node has nothing to do, not even a transaction. The fence it
     * read is committed, and only appliers of {@code group}'s log advance it, in log order: every entry up to
     * {@code index} is in the database. The owner is checked as a batch checks it ({@link DatabaseNotOwned}).
     */
    public boolean awaitAppliedElsewhere(long index, long graceMs, UUID group, long seenApplied)
            throws SQLException {
        long deadline = System.currentTimeMillis() + graceMs;
        try (Connection connection = dataSource.getConnection()) {
            // The leader got the entries at the same moment: a look before it can have applied them is wasted.
            Thread.sleep(Math.min(graceMs, FOLLOWER_POLL_MS));
            while (true) {
                Fence fence = IndexFencedStore.fence(connection);
                if (fence.appliedIndex() >= index) {
                    checkOwner(fence, group, seenApplied, false);
                    return true;
                }
                if (System.currentTimeMillis() >= deadline) {
                    return false;
                }
                Thread.sleep(FOLLOWER_POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The fence as it is now. */
    public Fence fence() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return IndexFencedStore.fence(connection);
        }
    }

    /**
     * Applies a claim entry at {@code index} and returns the group the log belongs to: {@code knownGroup} if an
     * earlier claim named it, else this claim's. The database must be unclaimed (fresh, or claimed by no group while
     * this log continues past its fence) or this group's; otherwise the claim adopts it if it or this node says so
     * (a claim that failed before is adopted once the node is started again with {@code adopt-database}), or fails.
     */
    public UUID applyClaim(long index, long term, GroupClaim claim, UUID knownGroup) throws SQLException {
        UUID group = knownGroup != null ? knownGroup : claim.groupId();
        return inTransaction(connection -> {
            Fence fence = IndexFencedStore.lockFence(connection);
            boolean owned = fence.groupId() != null ? fence.groupId().equals(group)
                    : fence.appliedIndex() == 0 || index > fence.appliedIndex();
            if (!owned) {
                if (knownGroup != null || !(claim.adopt() || adoptDatabase)) {
                    throw new DatabaseNotOwned(describe(fence) + ", and raft group " + group + " starts its log"
                            + " anew (claim at index " + index + ")");
                }
                LOG.warnf("raft group %s adopts the database (%s): its log goes on from index %d", group,
                        describe(fence), index);
                IndexFencedStore.claimFence(connection, group, index, term);
            } else if (index > fence.appliedIndex()) {
                IndexFencedStore.claimFence(connection, group, index, term);
            }
            return group;
        });
    }

    /**
     * Applies the transfers (ascending indexes; those of one batch entry share its index) of {@code group}'s log (null:
     * no claim applied yet on this node), of which this node saw everything up to {@code seenApplied} applied. With
     * {@code outcomes}, returns each one's result in order, also for transfers another node applied first; without,
     * an empty list (a follower answers nobody).
     */
    public List<TransferResult> apply(List<LogEntry> entries, boolean outcomes, UUID group, long seenApplied)
            throws SQLException {
        return apply(entries, outcomes, group, seenApplied, true);
    }

    /**
     * As {@link #apply(List, boolean, UUID, long)}; {@code advance}: whether this transaction moves the fence to its
     * last entry. Only the one that applies the last transfer of an entry does: an entry's transfers applied one per
     * transaction (a failed batch) are each found by their id if the entry is applied again.
     */
    private List<TransferResult> apply(List<LogEntry> entries, boolean outcomes, UUID group, long seenApplied,
            boolean advance) throws SQLException {
        try {
            return applyInOneTransaction(entries, outcomes, group, seenApplied, advance);
        } catch (SQLException | RuntimeException failure) {
            if (!isCommandsFault(failure)) {
                throw failure;
            }
            if (entries.size() == 1) {
                TransferResult refused = refuse(entries.get(0), failure, group, seenApplied, advance);
                return outcomes ? List.of(refused) : List.of();
            }
            LOG.warnf("raft entries %d-%d failed to apply together (%s): applying their transfers one by one",
                    entries.get(0).index(), entries.get(entries.size() - 1).index(), failure.toString());
            List<TransferResult> results = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                boolean endsItsEntry = i == entries.size() - 1 || entries.get(i + 1).index() != entries.get(i).index();
                results.addAll(apply(List.of(entries.get(i)), outcomes, group, seenApplied, advance && endsItsEntry));
            }
            return outcomes ? results : List.of();
        }
    }

    /** A failure that the entries themselves cause; a database another group owns is not one of them. */
    private static boolean isCommandsFault(Exception failure) {
        return !(failure instanceof DatabaseNotOwned) && BatchFailures.isCommandsFault(failure);
    }

    private List<TransferResult> applyInOneTransaction(List<LogEntry> entries, boolean outcomes, UUID group,
            long seenApplied, boolean advance) throws SQLException {
        LogEntry last = entries.get(entries.size() - 1);
        return inTransaction(connection -> {
            // A follower needs nothing read once its batch is applied; a leader answers for every entry.
            Locked locked = IndexFencedStore.lockAndRead(connection, commands(entries),
                    outcomes ? Long.MAX_VALUE : last.index());
            Fence fence = locked.fence();
            List<LogEntry> fresh = entries.stream().filter(e -> e.index() > fence.appliedIndex()).toList();
            checkOwner(fence, group, seenApplied, !fresh.isEmpty());
            List<TransferResult> results = new ArrayList<>(entries.size());
            if (outcomes) {
                for (LogEntry entry : entries) {
                    if (entry.index() <= fence.appliedIndex()) {
                        results.add(recordedOutcome(entry, locked.reads().earlier()));
                    }
                }
            }
            if (!fresh.isEmpty()) {
                results.addAll(decideAndWrite(connection, fresh, locked, advance));
            }
            return outcomes ? results : List.<TransferResult>of();
        });
    }

    /** What runs in one apply transaction. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * One apply transaction: runs {@code work}, which locks the fence first, and commits; rolls back if anything
     * fails. Every change to the ledger in raft mode goes through here, so every one is serialized by the fence and
     * advances it.
     */
    private <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void checkOwner(Fence fence, UUID group, long seenApplied, boolean writing) {
        if (fence.groupId() != null && group != null && !fence.groupId().equals(group)) {
            throw new DatabaseNotOwned(describe(fence) + ", not by this node's raft group " + group);
        }
        if (fence.groupId() != null && group == null && writing) {
            throw new DatabaseNotOwned(describe(fence) + ", but this node's log has not claimed it");
        }
        if (fence.groupId() == null && group != null) {
            throw new DatabaseNotOwned("the database is claimed by no raft group (" + describe(fence) + "), but this"
                    + " node's group " + group + " claimed it before: it was replaced or restored from a backup");
        }
        if (fence.appliedIndex() < seenApplied) {
            throw new DatabaseNotOwned("the database's fence is at index " + fence.appliedIndex() + ", behind index "
                    + seenApplied + " that this node saw applied: it was replaced or restored from a backup");
        }
    }

    private static String describe(Fence fence) {
        return "the database holds a ledger applied up to raft index " + fence.appliedIndex()
                + (fence.groupId() == null ? " by a raft group without an id" : " by raft group " + fence.groupId());
    }

    /** Records an entry that fails on its own with an error no retry cures as refused, and moves past it. */
    private TransferResult refuse(LogEntry entry, Exception failure, UUID group, long seenApplied, boolean advance)
            throws SQLException {
        String state = DatabaseFailures.sqlState(failure);
        String why = "failed to apply: " + (state == null ? failure.getClass().getSimpleName() : "SQLSTATE " + state);
        LOG.errorf(failure, "raft entry %d (transfer %s) cannot be applied: recorded as refused",
                entry.index(), entry.command().id());
        inTransaction(connection -> {
            Fence fence = IndexFencedStore.lockFence(connection);
            checkOwner(fence, group, seenApplied, entry.index() > fence.appliedIndex());
            if (entry.index() > fence.appliedIndex()) {
                IndexFencedStore.write(connection, BatchWrites.refusing(
                        new Refusal(entry.command().id(), TransferOutcome.INVALID_COMMAND, why)), List.of(entry),
                        advance);
            }
            return null;
        });
        return new TransferResult.InvalidCommand(why);
    }

    private List<TransferResult> decideAndWrite(Connection connection, List<LogEntry> entries, Locked locked,
            boolean advance) throws SQLException {
        BatchDecider.Decided decided = BatchDecider.decide(commands(entries), locked.reads(), Mode.RAFT);
        IndexFencedStore.write(connection, decided.writes(), entries, advance);
        return decided.results();
    }

    /**
     * The outcome of an entry applied earlier (by any node): its transfer or refusal, or the answer its key gives.
     * An entry at or below the fence that left none of these was not applied by this log: never guess an outcome.
     */
    private static TransferResult recordedOutcome(LogEntry entry, Earlier earlier) {
        TransferCommand command = entry.command();
        Optional<TransferResult> own = earlier.outcomeOf(command);
        if (own.isPresent()) {
            return own.get();
        }
        Transfer withKey = command.idempotencyKey() == null ? null : earlier.byKey().get(command.idempotencyKey());
        if (withKey != null) {
            return TransferResult.forEarlier(withKey, command);
        }
        throw new DatabaseNotOwned("raft entry " + entry.index() + " (transfer " + command.id() + ") is at or below"
                + " the database's fence but left no trace there: the fence counts another log");
    }

    private static List<TransferCommand> commands(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::command).toList();
    }
}
