package dev.ledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shard rule is part of the stored data's layout: it may never change for an id once accounts exist. */
class ShardRuleTest {

    @Test
    void anIdAlwaysLandsOnTheSameShard() {
        // Fixed values: a change of the rule would move existing accounts to the other database.
        assertEquals(1, ShardRule.shardOf("alice"));
        assertEquals(0, ShardRule.shardOf("bob"));
        assertEquals(1, ShardRule.shardOf("acc-3"));
        assertEquals(0, ShardRule.shardOf("acc-4"));
    }

    @Test
    void uniformPairsCrossShardsAboutHalfTheTime() {
        int accounts = 1_000;
        int onShardZero = 0;
        for (int i = 0; i < accounts; i++) {
            if (ShardRule.shardOf("acc-" + i) == 0) {
                onShardZero++;
            }
        }
        assertTrue(onShardZero > 450 && onShardZero < 550, onShardZero + " of " + accounts + " on shard 0");
        assertTrue(ShardRule.crossShard("alice", "bob"));
        assertFalse(ShardRule.crossShard("bob", "acc-4"));
    }
}
