package dev.ledger.mode.raft;

import static dev.ledger.mode.raft.LedgerStateMachineTest.applyAll;
import static dev.ledger.mode.raft.LedgerStateMachineTest.claim;
import static dev.ledger.mode.raft.LedgerStateMachineTest.fence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.domain.TransferCommand;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which raft group owns the database, against a real PostgreSQL: a group whose log starts anew (its raft data
 * lost, or a second group on the same database) stops instead of reading the fence as its own, unless it adopts the
 * database; then it goes on from the ledger as it is, and the group it replaced stops.
 */
class RaftGroupClaimTest {

    private RaftTestDatabase db;
    private final List<UUID> groupsLearnt = new ArrayList<>();
    /** Why each halted state machine stopped, as the service is told (it then exits). */
    private final List<String> halts = new ArrayList<>();

    @BeforeEach
    void freshDatabase() throws Exception {
        db = new RaftTestDatabase();
        db.createAccount("a", 100);
        db.createAccount("b", 0);
    }

    @AfterEach
    void stopDatabase() throws Exception {
        db.close();
    }

    @Test
    void aNewGroupOnAClaimedDatabaseStopsUnlessItAdoptsIt() throws Exception {
        UUID first = UUID.randomUUID();
        LedgerStateMachine old = stateMachine(false);
        applyAll(old, List.of(claim(2, first, false), transfer(3, 10), transfer(4, 10)));
        assertEquals(first, fence(db).groupId());
        assertEquals(4, fence(db).appliedIndex());
        assertEquals(List.of(first), groupsLearnt);

        // Raft data lost: a new log, whose claim and first transfers are at indexes the fence already counts.
        LedgerStateMachine lost = stateMachine(false);
        FakeIterator refused = new FakeIterator(List.of(claim(2, UUID.randomUUID(), false), transfer(3, 10)));
        lost.onApply(refused);
        assertNotNull(refused.error);
        assertTrue(lost.halted().orElseThrow().contains("adopt-database"), lost.halted().orElseThrow());
        assertEquals(List.of(lost.halted().orElseThrow()), halts);
        assertEquals(first, fence(db).groupId());
        assertEquals(80, db.balance("a"));

        // Started again with adopt-database: the new group claims the database and goes on from its balances.
        UUID second = UUID.randomUUID();
        LedgerStateMachine adopting = stateMachine(false);
        applyAll(adopting, List.of(claim(2, second, true), transfer(3, 10)));
        assertEquals(second, fence(db).groupId());
        assertEquals(3, fence(db).appliedIndex());
        assertEquals(70, db.balance("a"));
        assertEquals(30, db.balance("b"));

        // The group it replaced stops at its next entry instead of applying over it.
        FakeIterator stopped = new FakeIterator(List.of(transfer(5, 10)));
        old.onApply(stopped);
        assertNotNull(stopped.error);
        assertTrue(old.halted().orElseThrow().contains(second.toString()), old.halted().orElseThrow());
        assertEquals(70, db.balance("a"));
    }

    /**
     * A group that stopped on a claimed database and is started again with adopt-database: the claim already in its
     * log (proposed without the flag) now adopts the database, so the raft data need not be deleted again.
     */
    @Test
    void aClaimThatFailedAdoptsWhenTheNodesStartAgainWithAdoptDatabase() throws Exception {
        applyAll(stateMachine(false), List.of(claim(2, UUID.randomUUID(), false), transfer(3, 10)));
        UUID second = UUID.randomUUID();
        List<FakeIterator.Item> newLog = List.of(claim(2, second, false), transfer(3, 10));
        FakeIterator refused = new FakeIterator(newLog);
        stateMachine(false).onApply(refused);
        assertNotNull(refused.error);

        applyAll(stateMachine(true), newLog);
        assertEquals(second, fence(db).groupId());
        assertEquals(80, db.balance("a"));
    }

    /** A leader that had not applied the group's claim proposes another; it changes nothing. */
    @Test
    void aLaterClaimInTheSameLogChangesNothing() throws Exception {
        UUID group = UUID.randomUUID();
        LedgerStateMachine machine = stateMachine(false);
        applyAll(machine, List.of(claim(2, group, false), transfer(3, 10), claim(4, UUID.randomUUID(), true),
                transfer(5, 10)));
        assertEquals(group, fence(db).groupId());
        assertEquals(5, fence(db).appliedIndex());
        assertEquals(group, machine.groupId().orElseThrow());
        assertEquals(80, db.balance("a"));
    }

    /** A database restored from a backup (its fence behind what this node saw applied) stops the node. */
    @Test
    void aFenceBehindWhatThisNodeSawAppliedStopsTheNode() throws Exception {
        LedgerStateMachine machine = stateMachine(false);
        applyAll(machine, List.of(claim(2, UUID.randomUUID(), false), transfer(3, 10), transfer(4, 10)));
        db.update("UPDATE raft_fence SET applied_index = 3");
        FakeIterator iterator = new FakeIterator(List.of(transfer(5, 10)));
        machine.onApply(iterator);
        assertNotNull(iterator.error);
        assertTrue(machine.halted().orElseThrow().contains("restored"), machine.halted().orElseThrow());
        assertEquals(80, db.balance("a"));
    }

    /** A node of a group; {@code adopting}: started with {@code ledger.raft.adopt-database}. */
    private LedgerStateMachine stateMachine(boolean adopting) {
        return new LedgerStateMachine(new IndexBatchApplier(db.dataSource(), adopting), 16, 0, (entries, nanos) -> { },
                () -> fence(db), groupsLearnt::add, halts::add);
    }

    private static FakeIterator.Item transfer(long index, long amount) {
        var command = new TransferCommand(UUID.randomUUID(), "a", "b", amount, "key-" + UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new FakeIterator.Item(index, 1, TransferCodec.encode(command), new TransferClosure());
    }
}
