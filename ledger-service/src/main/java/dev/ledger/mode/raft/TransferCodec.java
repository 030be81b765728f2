package dev.ledger.mode.raft;

import dev.ledger.domain.TransferCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The raft log's entries: versioned binary values (never Java serialization), so that entries written by this
 * version stay readable by the next. The first byte tells the kind and its version. Layouts, big-endian:
 * <pre>
 * a transfer:  byte 1 | long idMsb | long idLsb | long createdAtMicros | long amount
 *              | utf8 from | utf8 to | byte hasKey | [utf8 key]        where utf8 = unsigned short length + bytes
 * a claim:     byte 2 | long groupIdMsb | long groupIdLsb | byte adopt
 * a batch:     byte 3 | int count | count × (int length | a transfer as above)
 * </pre>
 * A leader proposes batches (group commit: many transfers per entry, one log append and sync for all); version 1
 * entries, one transfer each, are what earlier versions wrote, and still read.
 */
public final class TransferCodec {

    static final byte VERSION_1 = 1;
    static final byte GROUP_CLAIM = 2;
    static final byte BATCH = 3;
    private static final int CLAIM_BYTES = 1 + 2 * Long.BYTES + 1;
    private static final int MAX_STRING_BYTES = 0xFFFF;

    private TransferCodec() {
    }

    public static ByteBuffer encode(TransferCommand command) {
        byte[] from = utf8(command.from());
        byte[] to = utf8(command.to());
        byte[] key = command.idempotencyKey() == null ? null : utf8(command.idempotencyKey());
        int size = 1 + 4 * Long.BYTES + 2 + from.length + 2 + to.length + 1 + (key == null ? 0 : 2 + key.length);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(VERSION_1);
        buffer.putLong(command.id().getMostSignificantBits());
        buffer.putLong(command.id().getLeastSignificantBits());
        buffer.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, command.createdAt()));
        buffer.putLong(command.amount());
        putString(buffer, from);
        putString(buffer, to);
        buffer.put((byte) (key == null ? 0 : 1));
        if (key != null) {
            putString(buffer, key);
        }
        return buffer.flip();
    }

    /** A batch entry of {@code encoded} transfers, each as {@link #encode(TransferCommand)} made it. */
    public static ByteBuffer encodeBatch(List<ByteBuffer> encoded) {
        int size = 1 + Integer.BYTES;
        for (ByteBuffer transfer : encoded) {
            size += Integer.BYTES + transfer.remaining();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(BATCH);
        buffer.putInt(encoded.size());
        for (ByteBuffer transfer : encoded) {
            buffer.putInt(transfer.remaining());
            buffer.put(transfer.duplicate());
        }
        return buffer.flip();
    }

    /** The bytes a transfer adds to a batch entry. */
    public static int batchedSize(ByteBuffer encoded) {
        return Integer.BYTES + encoded.remaining();
    }

    /**
     * The transfers of an entry, in order: one for a version 1 entry, all of a batch; a malformed or unknown-version
     * entry is an IllegalArgumentException.
     */
    public static List<TransferCommand> decodeAll(ByteBuffer entry) {
        ByteBuffer buffer = entry.duplicate();
        if (!buffer.hasRemaining() || buffer.get(buffer.position()) != BATCH) {
            return List.of(decode(entry));
        }
        try {
            buffer.get();
            int count = buffer.getInt();
            if (count < 1 || count > buffer.remaining() / Integer.BYTES) {
                throw new IllegalArgumentException("a batch entry of " + count + " transfers");
            }
            List<TransferCommand> commands = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw new IllegalArgumentException("truncated batch entry");
                }
                commands.add(decode(buffer.slice(buffer.position(), length)));
                buffer.position(buffer.position() + length);
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in batch entry");
            }
            return commands;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated batch entry", e);
        }
    }

    /** Decodes a version 1 entry; a malformed or unknown-version entry is an IllegalArgumentException. */
    public static TransferCommand decode(ByteBuffer entry) {
        ByteBuffer buffer = entry.duplicate();
        try {
            byte version = buffer.get();
            if (version != VERSION_1) {
                throw new IllegalArgumentException("unknown transfer entry version " + version);
            }
            UUID id = new UUID(buffer.getLong(), buffer.getLong());
            Instant createdAt = Instant.EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS);
            long amount = buffer.getLong();
            String from = getString(buffer);
            String to = getString(buffer);
            String key = buffer.get() == 1 ? getString(buffer) : null;
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in transfer entry");
            }
            return new TransferCommand(id, from, to, amount, key, createdAt);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated transfer entry", e);
        }
    }

    public static ByteBuffer encode(GroupClaim claim) {
        ByteBuffer buffer = ByteBuffer.allocate(CLAIM_BYTES);
        buffer.put(GROUP_CLAIM);
        buffer.putLong(claim.groupId().getMostSignificantBits());
        buffer.putLong(claim.groupId().getLeastSignificantBits());
        buffer.put((byte) (claim.adopt() ? 1 : 0));
        return buffer.flip();
    }

    /** The claim this entry carries; empty for any other entry (decode those with {@link #decode}). */
    public static Optional<GroupClaim> claim(ByteBuffer entry) {
        ByteBuffer buffer = entry.duplicate();
        if (!buffer.hasRemaining() || buffer.get() != GROUP_CLAIM) {
            return Optional.empty();
        }
        if (buffer.remaining() != CLAIM_BYTES - 1) {
            throw new IllegalArgumentException("a claim entry of " + (buffer.remaining() + 1) + " bytes");
        }
        return Optional.of(new GroupClaim(new UUID(buffer.getLong(), buffer.getLong()), buffer.get() == 1));
    }

    private static byte[] utf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string too long for a transfer entry");
        }
        return bytes;
    }

    private static void putString(ByteBuffer buffer, byte[] bytes) {
        buffer.putShort((short) bytes.length);
        buffer.put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        byte[] bytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
