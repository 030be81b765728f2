package dev.ledger.mode.zookeeper;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The leader as it publishes itself in the leader znode, as JSON (readable with any ZooKeeper shell): which node
 * leads, where to reach it, and the token of its leadership.
 */
public record PublishedLeader(String id, String httpUrl, long token) {

    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PublishedLeader fromBytes(byte[] data) {
        try {
            return JSON.readValue(data, PublishedLeader.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the leader znode does not hold a leader", e);
        }
    }
}
