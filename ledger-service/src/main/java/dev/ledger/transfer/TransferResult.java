package dev.ledger.transfer;

/**
 * The result of one transfer request.
 *
 * @param transfer the recorded transfer (COMMITTED or REJECTED outcomes, and KEY_REUSED: the earlier one), else null
 * @param replayed true when the transfer was recorded by an earlier request with the same idempotency key
 * @param detail the unknown account for ACCOUNT_NOT_FOUND, why the command could not be applied for
 *     INVALID_COMMAND, else null
 */
public record TransferResult(TransferOutcome outcome, Transfer transfer, boolean replayed, String detail) {

    public static TransferResult applied(Transfer transfer) {
        return new TransferResult(
                transfer.status() == TransferStatus.COMMITTED ? TransferOutcome.COMMITTED : TransferOutcome.REJECTED,
                transfer, false, null);
    }

    /** The answer to a retry with the same key: the earlier transfer, replayed, or KEY_REUSED for another request. */
    public static TransferResult forEarlier(Transfer earlier, TransferCommand retry) {
        if (!retry.sameRequestAs(earlier)) {
            return new TransferResult(TransferOutcome.KEY_REUSED, earlier, false, null);
        }
        TransferResult result = applied(earlier);
        return new TransferResult(result.outcome(), earlier, true, null);
    }

    public static TransferResult accountNotFound(String accountId) {
        return new TransferResult(TransferOutcome.ACCOUNT_NOT_FOUND, null, false, accountId);
    }

    public static TransferResult invalidCommand(String why) {
        return new TransferResult(TransferOutcome.INVALID_COMMAND, null, false, why);
    }

    public static TransferResult of(TransferOutcome outcome) {
        return new TransferResult(outcome, null, false, null);
    }
}
