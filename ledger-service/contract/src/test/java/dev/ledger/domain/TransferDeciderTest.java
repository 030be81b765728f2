package dev.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledger.contract.Mode;
import dev.ledger.domain.TransferDecider.Answer;
import dev.ledger.domain.TransferDecider.Decision;
import dev.ledger.domain.TransferDecider.Record;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The precedence every mode decides by: the key's earlier transfer, then from, then to, then the balance rules. */
class TransferDeciderTest {

    private static final TransferCommand COMMAND = new TransferCommand(UUID.randomUUID(), "from", "to", 10, "k",
            Instant.EPOCH);
    private static final OptionalLong NONE = OptionalLong.empty();

    @Test
    void theKeysEarlierTransferComesFirst() {
        Transfer earlier = COMMAND.record(TransferStatus.COMMITTED, null, Mode.RAFT);
        Decision decision = decide(Optional.of(earlier), NONE, NONE);
        assertTrue(((Answer) decision).result().replayed());
        Transfer other = new TransferCommand(UUID.randomUUID(), "from", "to", 11, "k", Instant.EPOCH)
                .record(TransferStatus.COMMITTED, null, Mode.RAFT);
        assertEquals(TransferOutcome.KEY_REUSED, ((Answer) decide(Optional.of(other), NONE, NONE)).result().outcome());
    }

    @Test
    void unknownAccountsNameFromBeforeTo() {
        assertEquals("from", notFound(Optional.empty(), NONE, NONE));
        assertEquals("from", notFound(Optional.empty(), NONE, OptionalLong.of(5)));
        assertEquals("to", notFound(Optional.empty(), OptionalLong.of(5), NONE));
    }

    @Test
    void balancesDecideLast() {
        assertEquals(RejectionReason.INSUFFICIENT_FUNDS, recorded(9, Long.MAX_VALUE).reason());
        assertEquals(RejectionReason.BALANCE_OVERFLOW, recorded(10, Long.MAX_VALUE - 9).reason());
        Transfer committed = recorded(10, Long.MAX_VALUE - 10);
        assertEquals(TransferStatus.COMMITTED, committed.status());
        assertEquals(Mode.RAFT, committed.mode());
    }

    private static String notFound(Optional<Transfer> earlier, OptionalLong from, OptionalLong to) {
        TransferResult result = ((Answer) decide(earlier, from, to)).result();
        return assertInstanceOf(TransferResult.AccountNotFound.class, result).accountId();
    }

    private static Transfer recorded(long from, long to) {
        Decision decision = decide(Optional.empty(), OptionalLong.of(from), OptionalLong.of(to));
        return assertInstanceOf(Record.class, decision).transfer();
    }

    private static Decision decide(Optional<Transfer> earlier, OptionalLong from, OptionalLong to) {
        return TransferDecider.decide(COMMAND, earlier, from, to, Mode.RAFT);
    }
}
