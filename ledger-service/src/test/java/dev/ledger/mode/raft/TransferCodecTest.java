package dev.ledger.mode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ledger.domain.TransferCommand;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferCodecTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123456Z");

    @Test
    void roundTripsACommandWithAndWithoutKey() {
        for (String key : new String[] {null, "order 42", "k".repeat(255)}) {
            var command = new TransferCommand(UUID.randomUUID(), "alice", "bob_2-x", Long.MAX_VALUE, key, AT);
            assertEquals(command, TransferCodec.decode(TransferCodec.encode(command)));
        }
    }

    @Test
    void keepsMicrosecondsTheDatabaseStores() {
        var command = new TransferCommand(UUID.randomUUID(), "a", "b", 1, null, AT.plusNanos(789));
        assertEquals(AT.plusNanos(789).truncatedTo(ChronoUnit.MICROS),
                TransferCodec.decode(TransferCodec.encode(command)).createdAt());
    }

    @Test
    void startsWithItsVersion() {
        var command = new TransferCommand(UUID.randomUUID(), "a", "b", 1, null, AT);
        assertEquals(TransferCodec.VERSION_1, TransferCodec.encode(command).get(0));
    }

    @Test
    void refusesUnknownVersionsTruncatedAndTrailingBytes() {
        byte[] valid = TransferCodec.encode(new TransferCommand(UUID.randomUUID(), "a", "b", 1, "k", AT)).array();
        byte[] future = valid.clone();
        future[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> TransferCodec.decode(ByteBuffer.wrap(future)));
        assertThrows(IllegalArgumentException.class,
                () -> TransferCodec.decode(ByteBuffer.wrap(Arrays.copyOf(valid, valid.length - 1))));
        assertThrows(IllegalArgumentException.class,
                () -> TransferCodec.decode(ByteBuffer.wrap(Arrays.copyOf(valid, valid.length + 1))));
        assertThrows(IllegalArgumentException.class, () -> TransferCodec.decode(ByteBuffer.allocate(0)));
    }

    /** A leader's batch entry carries its transfers in order; a version 1 entry still reads, as one transfer. */
    @Test
    void roundTripsABatchAndStillReadsSingleEntries() {
        List<TransferCommand> commands = List.of(new TransferCommand(UUID.randomUUID(), "a", "b", 1, "k1", AT),
                new TransferCommand(UUID.randomUUID(), "b", "c", 2, null, AT),
                new TransferCommand(UUID.randomUUID(), "c", "a", 3, "k".repeat(255), AT));
        ByteBuffer batch = TransferCodec.encodeBatch(commands.stream().map(TransferCodec::encode).toList());
        assertEquals(TransferCodec.BATCH, batch.get(0));
        assertEquals(commands, TransferCodec.decodeAll(batch));
        assertEquals(Optional.empty(), TransferCodec.claim(batch));
        assertEquals(List.of(commands.get(1)), TransferCodec.decodeAll(TransferCodec.encode(commands.get(1))));
    }

    @Test
    void refusesATruncatedOrPaddedBatch() {
        byte[] valid = TransferCodec.encodeBatch(List.of(TransferCodec.encode(
                new TransferCommand(UUID.randomUUID(), "a", "b", 1, "k", AT)))).array();
        assertThrows(IllegalArgumentException.class,
                () -> TransferCodec.decodeAll(ByteBuffer.wrap(Arrays.copyOf(valid, valid.length - 1))));
        assertThrows(IllegalArgumentException.class,
                () -> TransferCodec.decodeAll(ByteBuffer.wrap(Arrays.copyOf(valid, valid.length + 1))));
        byte[] noTransfers = {TransferCodec.BATCH, 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> TransferCodec.decodeAll(ByteBuffer.wrap(noTransfers)));
        byte[] tooMany = {TransferCodec.BATCH, 0x7f, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> TransferCodec.decodeAll(ByteBuffer.wrap(tooMany)));
    }

    @Test
    void tellsAClaimFromATransfer() {
        GroupClaim claim = new GroupClaim(UUID.randomUUID(), true);
        assertEquals(Optional.of(claim), TransferCodec.claim(TransferCodec.encode(claim)));
        var command = new TransferCommand(UUID.randomUUID(), "a", "b", 1, "k", AT);
        assertEquals(Optional.empty(), TransferCodec.claim(TransferCodec.encode(command)));
        byte[] truncated = Arrays.copyOf(TransferCodec.encode(claim).array(), 5);
        assertThrows(IllegalArgumentException.class, () -> TransferCodec.claim(ByteBuffer.wrap(truncated)));
    }
}
