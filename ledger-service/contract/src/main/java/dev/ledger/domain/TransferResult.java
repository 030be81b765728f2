package dev.ledger.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The result of one transfer request: one record per outcome, each holding exactly what that outcome has. The REST
 * layer maps each to one HTTP answer ({@code TransferResponses}); between the nodes of a leader mode it travels as
 * JSON, named by its outcome.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TransferResult.Committed.class, name = "COMMITTED"),
    @JsonSubTypes.Type(value = TransferResult.Rejected.class, name = "REJECTED"),
    @JsonSubTypes.Type(value = TransferResult.AccountNotFound.class, name = "ACCOUNT_NOT_FOUND"),
    @JsonSubTypes.Type(value = TransferResult.KeyReused.class, name = "KEY_REUSED"),
    @JsonSubTypes.Type(value = TransferResult.KeyInFlight.class, name = "KEY_IN_FLIGHT"),
    @JsonSubTypes.Type(value = TransferResult.WriteConflict.class, name = "WRITE_CONFLICT"),
    @JsonSubTypes.Type(value = TransferResult.InvalidCommand.class, name = "INVALID_COMMAND"),
    @JsonSubTypes.Type(value = TransferResult.Pending.class, name = "PENDING"),
    @JsonSubTypes.Type(value = TransferResult.Compensated.class, name = "COMPENSATED")})
public sealed interface TransferResult {

    /** The outcome's name, for metrics. */
    TransferOutcome outcome();

    /** Whether an earlier request with the same idempotency key recorded the transfer answered. */
    default boolean replayed() {
        return false;
    }

    /** Applied: two entries written. */
    record Committed(Transfer transfer, boolean replayed) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.COMMITTED;
        }
    }

    /** Decided and recorded with its reason; nothing moved. */
    record Rejected(Transfer transfer, boolean replayed) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.REJECTED;
        }
    }

    /** One of the accounts does not exist: the first of from, to that does not. No transfer recorded. */
    record AccountNotFound(String accountId) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.ACCOUNT_NOT_FOUND;
        }
    }

    /** The idempotency key was first used, by {@code earlier}, with another from/to/amount; nothing done. */
    record KeyReused(Transfer earlier) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.KEY_REUSED;
        }
    }

    /** A request with the same idempotency key is still being processed; nothing done. */
    record KeyInFlight() implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.KEY_IN_FLIGHT;
        }
    }

    /** Concurrent writers kept winning (optimistic) after the bounded number of attempts; nothing done. */
    record WriteConflict() implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.WRITE_CONFLICT;
        }
    }

    /** A leader mode: the command failed to apply on its own with an error no retry cures; recorded as refused. */
    record InvalidCommand(String why) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.INVALID_COMMAND;
        }
    }

    /** The workflow mode: accepted, and its workflow will take it to its end exactly once. */
    record Pending(Transfer transfer, boolean replayed) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.PENDING;
        }
    }

    /** The workflow mode: debited, then refused by the credit for good, and the debit undone; nothing moved. */
    record Compensated(Transfer transfer, boolean replayed) implements TransferResult {
        @Override
        public TransferOutcome outcome() {
            return TransferOutcome.COMPENSATED;
        }
    }

    /** The answer for a transfer just recorded. */
    static TransferResult applied(Transfer transfer) {
        return recorded(transfer, false);
    }

    /** The answer to a retry with the same key: the earlier transfer, replayed, or KEY_REUSED for another request. */
    static TransferResult forEarlier(Transfer earlier, TransferCommand retry) {
        return retry.sameRequestAs(earlier) ? recorded(earlier, true) : new KeyReused(earlier);
    }

    private static TransferResult recorded(Transfer transfer, boolean replayed) {
        return switch (transfer.status()) {
            case COMMITTED -> new Committed(transfer, replayed);
            case REJECTED -> new Rejected(transfer, replayed);
            case PENDING -> new Pending(transfer, replayed);
            case COMPENSATED -> new Compensated(transfer, replayed);
        };
    }
}
