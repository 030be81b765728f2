package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.RaftOutter;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import com.google.protobuf.Message;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.raft.IndexFencedStore.Fence;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raft state machine against a real PostgreSQL, fed by a fake iterator: log order, batching, deterministic
 * rejection, idempotency keys at apply, and the fence (entries at or below the stored index are never re-applied).
 */
class LedgerStateMachineTest {

    private static RaftTestDatabase db;
    /** The group whose claim is the first entry applied to the shared test database (at index 1). */
    private static final UUID GROUP = UUID.randomUUID();
    private final List<Integer> batchSizes = new ArrayList<>();
    private long nextIndex;
    private String a;
    private String b;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = new RaftTestDatabase();
        LedgerStateMachine first = new LedgerStateMachine(new IndexBatchApplier(db.dataSource(), false), 16, 0,
                (entries, nanos) -> { }, () -> fence(db), group -> { }, why -> { });
        applyAll(first, List.of(claim(1, GROUP, false)));
        assertEquals(GROUP, fence(db).groupId());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void freshAccounts() throws SQLException {
        a = "a-" + UUID.randomUUID();
        b = "b-" + UUID.randomUUID();
        db.createAccount(a, 100);
        db.createAccount(b, 0);
        nextIndex = db.queryLong("SELECT applied_index FROM raft_fence") + 1;
    }

    @Test
    void appliesInLogOrderAndDecidesEachOutcomeFromThePrecedingEntries() throws Exception {
        List<Proposal> log = List.of(transfer(a, b, 60), transfer(a, b, 60), transfer(b, a, 30), transfer(a, b, 60));
        apply(stateMachine(16), log);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.REJECTED, TransferOutcome.COMMITTED,
                TransferOutcome.COMMITTED), outcomes(log));
        assertEquals(10, db.balance(a));
        assertEquals(90, db.balance(b));
        assertEquals(nextIndex - 1, fence());
    }

    @Test
    void appliesManyEntriesPerDatabaseTransactionUpToTheBatchBound() throws Exception {
        List<Proposal> log = List.of(transfer(a, b, 1), transfer(a, b, 1), transfer(a, b, 1), transfer(a, b, 1),
                transfer(a, b, 1));
        apply(stateMachine(2), log);
        assertEquals(List.of(2, 2, 1), batchSizes);
        assertEquals(95, db.balance(a));
    }

    @Test
    void anIdempotencyKeyTakesEffectOnceAtApply() throws Exception {
        String key = "key-" + UUID.randomUUID();
        Proposal first = transfer(a, b, 10, key);
        Proposal retry = transfer(a, b, 10, key);
        Proposal other = transfer(a, b, 11, key);
        apply(stateMachine(16), List.of(first, retry, other));
        assertEquals(TransferOutcome.COMMITTED, first.result().outcome());
        assertTrue(retry.result().replayed());
        assertEquals(first.transfer().id(), retry.transfer().id());
        assertEquals(TransferOutcome.KEY_REUSED, other.result().outcome());
        assertEquals(90, db.balance(a));
        // and across batches: the key was recorded by the first one
        Proposal later = transfer(a, b, 10, key);
        apply(stateMachine(16), List.of(later));
        assertEquals(first.transfer().id(), later.transfer().id());
        assertEquals(90, db.balance(a));
    }

    /** A forward delivered twice puts one command (same id, no key) in the log twice: it records one transfer. */
    @Test
    void theSameCommandTwiceInTheLogTakesEffectOnce() throws Exception {
        Proposal first = transfer(a, b, 10);
        Proposal duplicate = new Proposal(nextIndex++, first.command(), new TransferClosure());
        apply(stateMachine(16), List.of(first, duplicate));
        assertEquals(TransferOutcome.COMMITTED, duplicate.result().outcome());
        assertEquals(first.transfer().id(), duplicate.transfer().id());
        assertEquals(90, db.balance(a));
        // and in a later batch, against the recorded row
        Proposal later = new Proposal(nextIndex++, first.command(), new TransferClosure());
        apply(stateMachine(16), List.of(later));
        assertEquals(first.transfer().id(), later.transfer().id());
        assertEquals(90, db.balance(a));
    }

    /**
     * An unknown account records no transfer, but a refusal: the same command proposed again (a replayed forward)
     * gets the same answer, also once the account exists, instead of being executed then.
     */
    @Test
    void anUnknownAccountIsRecordedAsARefusalThatTheSameCommandGetsAgain() throws Exception {
        String ghost = "nobody-" + UUID.randomUUID();
        Proposal first = transfer(a, ghost, 10);
        apply(stateMachine(16), List.of(first));
        assertEquals(TransferOutcome.ACCOUNT_NOT_FOUND, first.result().outcome());
        assertEquals(ghost, ((TransferResult.AccountNotFound) first.result()).accountId());
        assertEquals(0, db.queryLong("SELECT count(*) FROM transfer WHERE id = '" + first.command().id() + "'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM transfer_refusal WHERE transfer_id = '"
                + first.command().id() + "'"));

        db.createAccount(ghost, 0);
        Proposal replayed = new Proposal(nextIndex++, first.command(), new TransferClosure());
        apply(stateMachine(16), List.of(replayed));
        assertEquals(TransferOutcome.ACCOUNT_NOT_FOUND, replayed.result().outcome());
        assertEquals(100, db.balance(a));
        assertEquals(0, db.balance(ghost));
    }

    /**
     * A command that fails to apply with an error no retry cures (a key longer than its column, which validation
     * would have refused) is recorded as refused; the entries around it are applied, and the log goes on.
     */
    @Test
    void aCommandThatCannotBeAppliedIsRefusedAndTheLogGoesOn() throws Exception {
        Proposal before = transfer(a, b, 10);
        Proposal poison = transfer(a, b, 10, "k".repeat(300));
        Proposal after = transfer(a, b, 10);
        apply(stateMachine(16), List.of(before, poison, after));
        assertEquals(TransferOutcome.COMMITTED, before.result().outcome());
        assertEquals(TransferOutcome.INVALID_COMMAND, poison.result().outcome());
        assertEquals(TransferOutcome.COMMITTED, after.result().outcome());
        assertEquals(80, db.balance(a));
        assertEquals(after.index(), fence());
        // a node that applies it later reads the refusal back
        Proposal again = poison.again();
        apply(stateMachine(16), List.of(again));
        assertEquals(TransferOutcome.INVALID_COMMAND, again.result().outcome());
    }

    /** A leader's batch entry: its transfers apply in one transaction, whatever the bound, each with its answer. */
    @Test
    void aBatchEntryIsAppliedWholeAndAnswersEachTransfer() throws Exception {
        BatchEntry entry = batch(List.of(command(a, b, 60, null), command(a, b, 60, null), command(b, a, 30, null)));
        LedgerStateMachine machine = stateMachine(2);
        machine.onLeaderStart(1);
        applyAll(machine, List.of(entry.item()));
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.REJECTED, TransferOutcome.COMMITTED),
                entry.outcomes());
        assertEquals(List.of(3), batchSizes);
        assertEquals(70, db.balance(a));
        assertEquals(entry.index(), fence());
    }

    /**
     * A transfer of a batch entry that cannot be applied is refused; the others apply once, and the fence moves past
     * the entry only with its last transfer, so another node applying the entry again finds each by its id.
     */
    @Test
    void aTransferOfABatchEntryThatCannotBeAppliedIsRefusedAndTheOthersApplyOnce() throws Exception {
        BatchEntry entry = batch(List.of(command(a, b, 10, null), command(a, b, 10, "k".repeat(300)),
                command(a, b, 10, null)));
        LedgerStateMachine machine = stateMachine(16);
        machine.onLeaderStart(1);
        applyAll(machine, List.of(entry.item()));
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.INVALID_COMMAND, TransferOutcome.COMMITTED),
                entry.outcomes());
        assertEquals(80, db.balance(a));
        assertEquals(entry.index(), fence());

        BatchEntry again = entry.again();
        LedgerStateMachine other = stateMachine(16);
        other.onLeaderStart(1);
        applyAll(other, List.of(again.item()));
        assertEquals(entry.outcomes(), again.outcomes());
        assertEquals(80, db.balance(a));
    }

    /** A follower that finds its batch applied by the leader moves on without a transaction: no fence lock taken. */
    @Test
    void aFollowerSkipsABatchTheLeaderAppliedWithoutTakingTheFenceLock() throws Exception {
        List<Proposal> log = List.of(transfer(a, b, 10), transfer(a, b, 20));
        apply(stateMachine(16), log);
        LedgerStateMachine follower = stateMachine(16);
        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT 1 FROM raft_fence FOR UPDATE");
            Thread applying = new Thread(() -> applyAll(follower,
                    log.stream().map(p -> new FakeIterator.Item(p.index(), 1, TransferCodec.encode(p.command()), null))
                            .toList()));
            applying.start();
            applying.join(5_000);
            assertFalse(applying.isAlive(), "the follower waited for the fence lock");
            holder.rollback();
        }
        assertEquals(log.get(1).index(), follower.appliedIndex());
        assertEquals(70, db.balance(a));
    }

    /** Below the fence but without a trace: not this log's entry. Never answered as if it were (no 404 invented). */
    @Test
    void anEntryAtOrBelowTheFenceWithoutATraceStopsTheNode() throws Exception {
        apply(stateMachine(16), List.of(transfer(a, b, 10)));
        Proposal stranger = new Proposal(fence(), transfer(a, b, 10).command(), new TransferClosure());
        LedgerStateMachine machine = stateMachine(16);
        var iterator = new FakeIterator(List.of(stranger.item()));
        machine.onApply(iterator);
        assertNotNull(iterator.error);
        assertTrue(machine.halted().orElseThrow().contains("left no trace"), machine.halted().toString());
        assertNull(stranger.result());
        assertEquals(90, db.balance(a));
    }

    @Test
    void entriesAtOrBelowTheFenceAreSkippedAndTheirOutcomeIsReadBack() throws Exception {
        Proposal one = transfer(a, b, 10);
        Proposal two = transfer(a, b, 20);
        Proposal three = transfer(a, b, 500);
        Proposal four = transfer(a, b, 30);
        apply(stateMachine(16), List.of(one, two, three));
        assertEquals(70, db.balance(a));

        // Another node (or this one after a restart) is handed entries 2-4: 2 and 3 are in the database already.
        List<Proposal> replay = List.of(two.again(), three.again(), four);
        apply(stateMachine(16), replay);
        assertEquals(40, db.balance(a));
        assertEquals(60, db.balance(b));
        assertEquals(two.transfer(), replay.get(0).transfer());
        assertEquals(TransferOutcome.REJECTED, replay.get(1).result().outcome());
        assertFalse(replay.get(0).result().replayed());
        assertEquals(four.index(), fence());
        assertEquals(3, db.queryLong("SELECT count(*) FROM entry WHERE account_id = '" + b + "'"));
    }

    @Test
    void anUndecodableEntryStopsApplyWithoutSkippingIt() throws Exception {
        Proposal good = transfer(a, b, 10);
        long badIndex = nextIndex++;
        Proposal after = transfer(a, b, 10);
        var iterator = new FakeIterator(List.of(good.item(),
                new FakeIterator.Item(badIndex, 1, ByteBuffer.wrap(new byte[] {9, 9, 9}), null), after.item()));
        stateMachine(16).onApply(iterator);
        assertNotNull(iterator.error);
        assertEquals(1, iterator.rolledBack);
        assertEquals(good.index(), fence());
        assertEquals(90, db.balance(a));
        assertNull(after.closure().answer(0).getNow(null));
    }

    @Test
    void aSnapshotStandsForItsIndexAndIsRefusedIfTheDatabaseIsBehind(@TempDir Path dir) throws Exception {
        LedgerStateMachine machine = stateMachine(16);
        apply(machine, List.of(transfer(a, b, 1)));
        AtomicReference<Status> saved = new AtomicReference<>();
        machine.onSnapshotSave(new DirSnapshotWriter(dir), saved::set);
        assertTrue(saved.get().isOk(), saved.get().toString());
        assertEquals(fence() + " " + GROUP, Files.readString(dir.resolve(LedgerStateMachine.SNAPSHOT_FILE)));

        LedgerStateMachine loaded = newStateMachine(16);
        assertTrue(loaded.onSnapshotLoad(new DirSnapshotReader(dir)));
        assertEquals(GROUP, loaded.groupId().orElseThrow());
        Files.writeString(dir.resolve(LedgerStateMachine.SNAPSHOT_FILE), (fence() + 1) + " " + GROUP);
        assertFalse(newStateMachine(16).onSnapshotLoad(new DirSnapshotReader(dir)));
        // a snapshot of another group is refused whatever its index
        Files.writeString(dir.resolve(LedgerStateMachine.SNAPSHOT_FILE), "1 " + UUID.randomUUID());
        LedgerStateMachine foreign = newStateMachine(16);
        assertFalse(foreign.onSnapshotLoad(new DirSnapshotReader(dir)));
        assertTrue(foreign.halted().isPresent());
    }

    /** A member of {@link #GROUP} that has applied its claim (index 1) and nothing since. */
    private LedgerStateMachine stateMachine(int batchMax) {
        LedgerStateMachine machine = newStateMachine(batchMax);
        applyAll(machine, List.of(claim(1, GROUP, false)));
        return machine;
    }

    /** A member that knows no group yet: a fresh node (or the first of a new group). */
    private LedgerStateMachine newStateMachine(int batchMax) {
        return new LedgerStateMachine(new IndexBatchApplier(db.dataSource(), false), batchMax, 0,
                (entries, nanos) -> batchSizes.add(entries), () -> fence(db), group -> { }, why -> { });
    }

    private long fence() {
        return fence(db).appliedIndex();
    }

    static Fence fence(RaftTestDatabase database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return IndexFencedStore.fence(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static FakeIterator.Item claim(long index, UUID group, boolean adopt) {
        return new FakeIterator.Item(index, 1, TransferCodec.encode(new GroupClaim(group, adopt)), null);
    }

    private static void apply(LedgerStateMachine machine, List<Proposal> log) {
        machine.onLeaderStart(1);
        applyAll(machine, log.stream().map(Proposal::item).toList());
    }

    static void applyAll(LedgerStateMachine machine, List<FakeIterator.Item> items) {
        var iterator = new FakeIterator(items);
        machine.onApply(iterator);
        assertNull(iterator.error, () -> iterator.error.toString());
        assertEquals(items.size(), iterator.position());
    }

    private static List<TransferOutcome> outcomes(List<Proposal> log) {
        return log.stream().map(p -> p.result().outcome()).toList();
    }

    private Proposal transfer(String from, String to, long amount) {
        return transfer(from, to, amount, null);
    }

    private Proposal transfer(String from, String to, long amount, String key) {
        var command = new TransferCommand(UUID.randomUUID(), from, to, amount, key,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new Proposal(nextIndex++, command, new TransferClosure());
    }

    private static TransferCommand command(String from, String to, long amount, String key) {
        return new TransferCommand(UUID.randomUUID(), from, to, amount, key,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private BatchEntry batch(List<TransferCommand> commands) {
        return new BatchEntry(nextIndex++, commands, closureFor(commands));
    }

    private static TransferClosure closureFor(List<TransferCommand> commands) {
        return new TransferClosure(commands.stream().map(c -> new CompletableFuture<TransferResult>()).toList());
    }

    /** An entry of many transfers, as a leader's group commit proposes it. */
    record BatchEntry(long index, List<TransferCommand> commands, TransferClosure closure) {

        FakeIterator.Item item() {
            return new FakeIterator.Item(index, 1,
                    TransferCodec.encodeBatch(commands.stream().map(TransferCodec::encode).toList()), closure);
        }

        BatchEntry again() {
            return new BatchEntry(index, commands, closureFor(commands));
        }

        List<TransferOutcome> outcomes() {
            List<TransferOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                outcomes.add(closure.answer(i).getNow(null).outcome());
            }
            return outcomes;
        }
    }

    /** A log entry as its proposer sees it: index, command, and the closure that receives the outcome. */
    record Proposal(long index, TransferCommand command, TransferClosure closure) {

        FakeIterator.Item item() {
            return new FakeIterator.Item(index, 1, TransferCodec.encode(command), closure);
        }

        /** The same entry handed to another node, with a closure of its own. */
        Proposal again() {
            return new Proposal(index, command, new TransferClosure());
        }

        TransferResult result() {
            return closure.answer(0).getNow(null);
        }

        /** The transfer the entry recorded or replayed; fails for an outcome without one. */
        Transfer transfer() {
            TransferResult result = result();
            if (result instanceof TransferResult.Committed committed) {
                return committed.transfer();
            }
            return ((TransferResult.Rejected) result).transfer();
        }
    }

    /** The two snapshot calls the state machine makes, over a plain directory. */
    private static final class DirSnapshotWriter extends SnapshotWriter {
        private final Path dir;

        DirSnapshotWriter(Path dir) {
            this.dir = dir;
        }

        @Override
        public String getPath() {
            return dir.toString();
        }

        @Override
        public boolean addFile(String fileName, Message fileMeta) {
            return Files.exists(dir.resolve(fileName));
        }

        @Override
        public boolean saveMeta(RaftOutter.SnapshotMeta meta) {
            return true;
        }

        @Override
        public boolean removeFile(String fileName) {
            return true;
        }

        @Override
        public void close(boolean keepDataOnError) {
        }

        @Override
        public void close() {
        }

        @Override
        public Set<String> listFiles() {
            return Set.of();
        }

        @Override
        public Message getFileMeta(String fileName) {
            return null;
        }

        @Override
        public boolean init(Void opts) {
            return true;
        }

        @Override
        public void shutdown() {
        }
    }

    private static final class DirSnapshotReader extends SnapshotReader {
        private final Path dir;

        DirSnapshotReader(Path dir) {
            this.dir = dir;
        }

        @Override
        public String getPath() {
            return dir.toString();
        }

        @Override
        public RaftOutter.SnapshotMeta load() {
            return null;
        }

        @Override
        public String generateURIForCopy() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public Set<String> listFiles() {
            return Set.of();
        }

        @Override
        public Message getFileMeta(String fileName) {
            return null;
        }

        @Override
        public boolean init(Void opts) {
            return true;
        }

        @Override
        public void shutdown() {
        }
    }
}
