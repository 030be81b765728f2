package dev.ledger.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perSecond} requests a second, with a burst of as many. Idle clients'
 * buckets are dropped once many addresses were seen, so the map stays bounded.
 */
final class ClientRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MAX_TRACKED_CLIENTS = 10_000;

    private final int perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean tryAcquire(String client, long nowNanos) {
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(nowNanos)).take(nowNanos);
    }

    private final class Bucket {
        private double tokens = perSecond;
        private long refilledAt;

        Bucket(long nowNanos) {
            this.refilledAt = nowNanos;
        }

        synchronized boolean take(long nowNanos) {
            refill(nowNanos);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= perSecond;
        }

        private void refill(long nowNanos) {
            tokens = Math.min(perSecond, tokens + (double) (nowNanos - refilledAt) * perSecond / NANOS_PER_SECOND);
            refilledAt = nowNanos;
        }
    }
}
