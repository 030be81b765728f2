package dev.ledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void parsesEveryModeCaseInsensitively() {
        assertEquals(Mode.PESSIMISTIC, Mode.parse("pessimistic"));
        assertEquals(Mode.OPTIMISTIC, Mode.parse(" Optimistic "));
        assertEquals(Mode.IDEMPOTENT, Mode.parse("IDEMPOTENT"));
        assertEquals(Mode.RAFT, Mode.parse("raft"));
        assertEquals(Mode.ZOOKEEPER, Mode.parse("zookeeper"));
    }

    @Test
    void anUnknownModeNamesTheValidOnes() {
        var failure = assertThrows(IllegalStateException.class, () -> Mode.parse("eventual"));
        assertTrue(failure.getMessage().contains("'eventual'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("pessimistic, optimistic, idempotent, raft"), failure.getMessage());
    }

    @Test
    void aMissingModeNamesTheValidOnes() {
        var failure = assertThrows(IllegalStateException.class, () -> Mode.parse(null));
        assertTrue(failure.getMessage().contains("LEDGER_MODE"), failure.getMessage());
        assertTrue(failure.getMessage().contains("pessimistic, optimistic, idempotent, raft"), failure.getMessage());
    }
}
