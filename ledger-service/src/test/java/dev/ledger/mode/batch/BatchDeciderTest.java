package dev.ledger.mode.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.contract.Mode;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A batch is decided in order, each command from what the database and the commands before it in the batch left. */
class BatchDeciderTest {

    @Test
    void eachCommandSeesTheBalancesTheOnesBeforeItLeft() {
        BatchDecider.Decided decided = BatchDecider.decide(List.of(command("a", "b", 10, null),
                command("a", "b", 10, null), command("b", "a", 5, null)), reads(Map.of("a", 15L, "b", 0L)), Mode.RAFT);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.REJECTED, TransferOutcome.COMMITTED),
                outcomes(decided));
        assertEquals(Map.of("a", 10L, "b", 5L), decided.writes().newBalances());
        assertEquals(Map.of("a", 2, "b", 2), decided.writes().changes());
        assertEquals(3, decided.writes().transfers().size(), "a rejected transfer is recorded too");
        assertTrue(decided.writes().transfers().stream().allMatch(t -> t.mode() == Mode.RAFT));
    }

    /** The same command twice (a forward delivered twice) has one outcome and one row: the id is the primary key. */
    @Test
    void theSameCommandTwiceIsDecidedOnce() {
        TransferCommand twice = command("a", "b", 10, null);
        BatchDecider.Decided decided = BatchDecider.decide(List.of(twice, twice), reads(Map.of("a", 15L, "b", 0L)),
                Mode.RAFT);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.COMMITTED), outcomes(decided));
        assertEquals(1, decided.writes().transfers().size());
        assertEquals(Map.of("a", 5L, "b", 10L), decided.writes().newBalances());
    }

    @Test
    void aKeyUsedEarlierInTheBatchReplaysItsTransferOrRefusesAnotherRequest() {
        BatchDecider.Decided decided = BatchDecider.decide(List.of(command("a", "b", 10, "k"),
                command("a", "b", 10, "k"), command("a", "b", 11, "k")), reads(Map.of("a", 100L, "b", 0L)),
                Mode.RAFT);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.COMMITTED, TransferOutcome.KEY_REUSED),
                outcomes(decided));
        assertTrue(decided.results().get(1).replayed());
        assertEquals(1, decided.writes().transfers().size());
        assertEquals(Map.of("a", 90L, "b", 10L), decided.writes().newBalances());
    }

    /** A refusal is written by its command's place in the batch, once; the same command again gets it back. */
    @Test
    void anUnknownAccountIsRefusedAtItsPlaceInTheBatch() {
        TransferCommand unknown = command("a", "nobody", 10, null);
        BatchDecider.Decided decided = BatchDecider.decide(List.of(command("a", "b", 10, null), unknown, unknown),
                reads(Map.of("a", 100L, "b", 0L)), Mode.RAFT);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.ACCOUNT_NOT_FOUND,
                TransferOutcome.ACCOUNT_NOT_FOUND), outcomes(decided));
        assertEquals(Map.of(1, new Refusal(unknown.id(), TransferOutcome.ACCOUNT_NOT_FOUND, "nobody")),
                decided.writes().refusals());
    }

    /** What the database holds for a command answers it, and the reads it was decided from are left as read. */
    @Test
    void whatEarlierBatchesLeftAnswersAndIsNotChanged() {
        TransferCommand applied = command("a", "b", 10, "k");
        TransferCommand refused = command("a", "nobody", 10, null);
        Transfer recorded = applied.record(TransferStatus.COMMITTED, null, Mode.RAFT);
        Earlier earlier = Earlier.empty();
        earlier.byId().put(applied.id(), recorded);
        earlier.byKey().put("k", recorded);
        earlier.refusals().put(refused.id(), new Refusal(refused.id(), TransferOutcome.ACCOUNT_NOT_FOUND, "nobody"));
        BatchReads reads = new BatchReads(earlier, Map.of("a", 90L, "b", 10L));
        BatchDecider.Decided decided = BatchDecider.decide(List.of(applied, refused, command("b", "a", 10, "k2")),
                reads, Mode.RAFT);
        assertEquals(List.of(TransferOutcome.COMMITTED, TransferOutcome.ACCOUNT_NOT_FOUND, TransferOutcome.COMMITTED),
                outcomes(decided));
        assertEquals(1, decided.writes().transfers().size());
        assertTrue(decided.writes().refusals().isEmpty());
        assertEquals(1, earlier.byId().size());
        assertEquals(1, earlier.byKey().size());
        assertEquals(Map.of("a", 90L, "b", 10L), reads.balances());
    }

    private static BatchReads reads(Map<String, Long> balances) {
        return new BatchReads(Earlier.empty(), new HashMap<>(balances));
    }

    private static TransferCommand command(String from, String to, long amount, String key) {
        return new TransferCommand(UUID.randomUUID(), from, to, amount, key, Instant.EPOCH);
    }

    private static List<TransferOutcome> outcomes(BatchDecider.Decided decided) {
        return decided.results().stream().map(TransferResult::outcome).toList();
    }
}
