package dev.ledger.mode.batch;

import dev.ledger.domain.TransferOutcome;
import java.util.UUID;

/**
 * A command decided without a transfer row (ACCOUNT_NOT_FOUND or INVALID_COMMAND), recorded by its transfer id so
 * that the same command, delivered again, gets the same answer.
 */
public record Refusal(UUID transferId, TransferOutcome outcome, String detail) {
}
