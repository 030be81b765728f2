package dev.ledger.mode.batch;

import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferOutcome;
import dev.ledger.domain.TransferResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What earlier commands left: transfers by id and by idempotency key, and refusals by transfer id. */
public record Earlier(Map<UUID, Transfer> byId, Map<String, Transfer> byKey, Map<UUID, Refusal> refusals) {

    /** Nothing yet, to be filled. */
    static Earlier empty() {
        return new Earlier(new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    /** A copy to add to, leaving this one as it was read. */
    Earlier copy() {
        return new Earlier(new HashMap<>(byId), new HashMap<>(byKey), new HashMap<>(refusals));
    }

    /** The outcome a command's own id left: its transfer row or its refusal. */
    public Optional<TransferResult> outcomeOf(TransferCommand command) {
        Transfer transfer = byId.get(command.id());
        if (transfer != null) {
            return Optional.of(TransferResult.applied(transfer));
        }
        Refusal refusal = refusals.get(command.id());
        if (refusal == null) {
            return Optional.empty();
        }
        return Optional.of(refusal.outcome() == TransferOutcome.ACCOUNT_NOT_FOUND
                ? new TransferResult.AccountNotFound(refusal.detail())
                : new TransferResult.InvalidCommand(refusal.detail()));
    }
}
