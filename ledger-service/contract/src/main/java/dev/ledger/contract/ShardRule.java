package dev.ledger.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Where an account lives when the ledger is split over databases (the workflow mode's shards): by the CRC-32 of its
 * id's UTF-8 bytes, modulo the number of shards. Stable (the same id lands on the same shard on every node and in
 * every release) and spread evenly, so that uniformly drawn pairs cross shards about half the time.
 */
public final class ShardRule {

    public static final int SHARDS = 2;
    /**
     * How each step of a transfer across shards is keyed where it is recorded, on its shard, as a transfer of its own:
     * {@code wf:{transfer id}:{step}}. The key's second field names the client's transfer it is a part of.
     */
    public static final String STEP_KEY_PREFIX = "wf:";

    private ShardRule() {
    }

    /** The shard of an account id, 0 to {@link #SHARDS} - 1. */
    public static int shardOf(String accountId) {
        CRC32 crc = new CRC32();
        crc.update(accountId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    /** The key of a step ({@code debit}, {@code credit}, {@code refund}) of the transfer across shards. */
    public static String stepKey(UUID transfer, String step) {
        return STEP_KEY_PREFIX + transfer + ":" + step;
    }

    /** Whether a transfer between the two accounts spans two shards, so that no one transaction covers it. */
    public static boolean crossShard(String from, String to) {
        return shardOf(from) != shardOf(to);
    }
}
