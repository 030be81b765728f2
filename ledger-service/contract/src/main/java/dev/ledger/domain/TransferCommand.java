package dev.ledger.domain;

import dev.ledger.contract.Mode;
import java.time.Instant;
import java.util.UUID;

/**
 * A validated request to move {@code amount} minor units from one account to another. The id and the timestamp
 * are chosen once, when the request arrives, so that every replica (raft) or retry (optimistic) records the same.
 *
 * @param idempotencyKey the client's key, or null when the client sent none
 */
public record TransferCommand(UUID id, String from, String to, long amount, String idempotencyKey, Instant createdAt) {

    /**
     * Whether {@code from} comes first in the one global order (ascending id) in which a transaction touches the two
     * account rows, so that two transfers over the same pair wait for each other instead of deadlocking.
     */
    public boolean fromGoesFirst() {
        return from.compareTo(to) < 0;
    }

    /** The transfer this command records once the outcome is decided. */
    public Transfer record(TransferStatus status, RejectionReason reason, Mode mode) {
        return new Transfer(id, from, to, amount, status, reason, mode, idempotencyKey, createdAt);
    }

    /** The same request as the one that first used this idempotency key (the key's "fingerprint"). */
    public boolean sameRequestAs(Transfer earlier) {
        return from.equals(earlier.from()) && to.equals(earlier.to()) && amount == earlier.amount();
    }
}
