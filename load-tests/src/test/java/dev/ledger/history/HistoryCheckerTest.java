package dev.ledger.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.history.HistoryChecker.Result;
import dev.ledger.history.LedgerState.Entry;
import dev.ledger.history.LedgerState.Transfer;
import dev.ledger.history.Operation.BalanceRead;
import dev.ledger.history.Operation.LeaderClaim;
import dev.ledger.history.Operation.Outcome;
import dev.ledger.history.Operation.TransferAttempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-made histories: a clean one, and one for each anomaly the checker must find. Times are plain numbers; a
 * and b open with 100 each.
 */
class HistoryCheckerTest {

    private final History history = new History();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Long> balances = new HashMap<>(Map.of("a", 100L, "b", 100L));
    private long nextEntryId = 1;

    /** Key k1 moves 10 from a to b, sent at 10, answered at 20; the ledger holds it. */
    private void acknowledgedTransfer() {
        attempt("k1", 10, 20, Outcome.OK, "t1");
        applied("t1", "k1", 10);
    }

    private void attempt(String key, long invoked, long completed, Outcome outcome, String transferId) {
        String status = switch (outcome) {
            case OK -> "COMMITTED";
            case ACCEPTED -> "PENDING";
            default -> null;
        };
        history.add(new TransferAttempt(invoked, completed, "n1", key, "a", "b", 10, outcome, transferId, status));
    }

    /** The workflow mode's compensation of k1's 10 from a: the debit, then its refund. */
    private void compensated(String... entriesOfA) {
        transfers.add(new Transfer("t1", "k1", "a", "b", 10, "COMPENSATED"));
        for (String entry : entriesOfA) {
            entries.add(new Entry(nextEntryId++, "t1", "a", "debit".equals(entry) ? -10 : 10));
        }
    }

    private void applied(String transferId, String key, long amount) {
        transfers.add(new Transfer(transferId, key, "a", "b", amount, "COMMITTED"));
        entries.add(new Entry(nextEntryId++, transferId, "a", -amount));
        entries.add(new Entry(nextEntryId++, transferId, "b", amount));
        balances.merge("a", -amount, Long::sum);
        balances.merge("b", amount, Long::sum);
    }

    private void read(long invoked, long completed, long balanceOfA) {
        history.add(new BalanceRead(invoked, completed, "n2", "a", balanceOfA));
    }

    private Result check() {
        return HistoryChecker.check(history, new LedgerState(Map.of("a", 100L, "b", 100L), balances, transfers,
                entries));
    }

    /** Found, and nothing else: each anomaly the history has is of the expected kind (one per account at most). */
    private void assertAnomaly(String expected) {
        Result result = check();
        assertTrue(!result.anomalies().isEmpty() && result.anomalies().stream().allMatch(a -> a.contains(expected)),
                () -> "anomalies: " + result.anomalies());
    }

    @Test
    void aCleanHistoryHasNoAnomalies() {
        acknowledgedTransfer();
        attempt("k2", 30, 40, Outcome.UNKNOWN, null);
        attempt("k2", 41, 50, Outcome.OK, "t2");
        applied("t2", "k2", 10);
        attempt("k3", 60, 70, Outcome.FAILED, null);
        attempt("k4", 60, 70, Outcome.UNKNOWN, null);
        read(5, 8, 100);
        read(15, 18, 90);   // k1 in flight: before or after it are both fine
        read(25, 28, 90);
        read(35, 55, 80);
        history.add(new LeaderClaim(1, 2, "n1", 3));
        history.add(new LeaderClaim(3, 4, "n2", 4));

        Result result = check();

        assertEquals(List.of(), result.anomalies());
        assertEquals(2, result.keysAcknowledged());
        assertEquals(1, result.keysFailed());
        assertEquals(1, result.keysUnknown());
        assertEquals(0, result.unknownKeysApplied());
        assertEquals(4, result.reads());
    }

    @Test
    void anAcknowledgedTransferMissingFromTheLedgerIsLost() {
        attempt("k1", 10, 20, Outcome.OK, "t1");
        assertAnomaly("lost");
    }

    @Test
    void aTransferAppliedAlthoughEveryAttemptFailed() {
        attempt("k1", 10, 20, Outcome.FAILED, null);
        attempt("k1", 30, 40, Outcome.FAILED, null);
        applied("t1", "k1", 10);
        assertAnomaly("every attempt failed");
    }

    @Test
    void anUnknownOutcomeMayHaveBeenAppliedOnce() {
        attempt("k1", 10, 20, Outcome.UNKNOWN, null);
        applied("t1", "k1", 10);
        Result result = check();
        assertEquals(List.of(), result.anomalies());
        assertEquals(1, result.unknownKeysApplied());
    }

    @Test
    void aTransferNoClientAskedForIsAnAnomaly() {
        acknowledgedTransfer();
        applied("t2", null, 10);   // applied twice, the second time without its key
        assertAnomaly("no client sent its key");
    }

    @Test
    void twoAnswersWithDifferentTransfersForOneKey() {
        acknowledgedTransfer();
        attempt("k1", 30, 40, Outcome.OK, "t9");
        assertAnomaly("different transfers");
    }

    @Test
    void anAnswerThatDisagreesWithTheLedger() {
        history.add(new TransferAttempt(10, 20, "n1", "k1", "a", "b", 10, Outcome.OK, "t1", "REJECTED"));
        applied("t1", "k1", 10);
        assertAnomaly("the ledger holds");
    }

    @Test
    void aStaleReadMissesAnAcknowledgedTransfer() {
        acknowledgedTransfer();
        read(25, 28, 100);
        assertAnomaly("not its balance");
    }

    @Test
    void aReadOfTheFutureShowsATransferSentAfterItsAnswer() {
        read(5, 8, 90);
        acknowledgedTransfer();
        assertAnomaly("not its balance");
    }

    @Test
    void aReadOfABalanceTheAccountNeverHad() {
        acknowledgedTransfer();
        read(25, 28, 95);
        assertAnomaly("not its balance");
    }

    @Test
    void aNegativeRead() {
        read(5, 8, -5);
        Result result = check();
        assertTrue(result.anomalies().stream().anyMatch(a -> a.contains("negative")), result.anomalies()::toString);
    }

    @Test
    void transfersAppliedAgainstRealTimeOrder() {
        // k2 was sent only after k1 was acknowledged, yet it was applied first.
        attempt("k2", 30, 40, Outcome.OK, "t2");
        attempt("k1", 10, 20, Outcome.OK, "t1");
        applied("t2", "k2", 10);
        applied("t1", "k1", 10);
        assertAnomaly("applied after it");
    }

    @Test
    void aBalanceThatDisagreesWithItsEntries() {
        acknowledgedTransfer();
        balances.put("b", 111L);
        assertAnomaly("opening balance and entries make");
    }

    @Test
    void anOverdrawnAccount() {
        history.add(new TransferAttempt(10, 20, "n1", "k1", "a", "b", 150, Outcome.OK, "t1", "COMMITTED"));
        transfers.add(new Transfer("t1", "k1", "a", "b", 150, "COMMITTED"));
        entries.add(new Entry(1, "t1", "a", -150));
        entries.add(new Entry(2, "t1", "b", 150));
        balances.put("a", -50L);
        balances.put("b", 250L);
        assertAnomaly("went to -50");
    }

    /**
     * The workflow mode: k1 accepted at 20 (202), its decision answered at 60 (asked again with the key). A read
     * between may show the debit alone (the credit is on the other shard, later); a read after the decision may not.
     */
    @Test
    void anAcceptedTransferIsAppliedOnceByItsWorkflowAndOrdersReadsOnlyOnceDecided() {
        attempt("k1", 10, 20, Outcome.ACCEPTED, "t1");
        attempt("k1", 50, 60, Outcome.OK, "t1");
        applied("t1", "k1", 10);
        read(30, 40, 100);
        read(30, 40, 90);
        assertEquals(List.of(), check().anomalies());
        assertEquals(1, check().keysAcknowledged());
        read(70, 80, 100);
        assertAnomaly("acknowledged before the read");
    }

    @Test
    void anAcceptedTransferMissingFromTheLedgerIsLost() {
        attempt("k1", 10, 20, Outcome.ACCEPTED, "t1");
        assertAnomaly("(lost)");
    }

    @Test
    void aCompensatedTransferHasTheDebitAndItsRefund() {
        history.add(new TransferAttempt(10, 20, "n1", "k1", "a", "b", 10, Outcome.ACCEPTED, "t1", "PENDING"));
        history.add(new TransferAttempt(30, 40, "n1", "k1", "a", "b", 10, Outcome.OK, "t1", "COMPENSATED"));
        compensated("debit", "refund");
        assertEquals(List.of(), check().anomalies());
    }

    @Test
    void aCompensationWithoutItsRefundKeepsTheMoney() {
        history.add(new TransferAttempt(30, 40, "n1", "k1", "a", "b", 10, Outcome.OK, "t1", "COMPENSATED"));
        compensated("debit");
        balances.put("a", 90L);
        assertAnomaly("(COMPENSATED) has entries");
    }

    @Test
    void twoLeadersInOneTerm() {
        history.add(new LeaderClaim(1, 2, "n1", 5));
        history.add(new LeaderClaim(3, 4, "n2", 5));
        assertAnomaly("more than one leader");
    }
}
