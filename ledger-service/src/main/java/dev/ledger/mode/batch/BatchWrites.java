package dev.ledger.mode.batch;

import dev.ledger.domain.Transfer;
import java.util.List;
import java.util.Map;

/**
 * What a decided batch writes: the new balances with the number of transfers that changed each, the transfers
 * (committed ones get their two entries), and the refusals by the position of their command in the batch.
 */
public record BatchWrites(Map<String, Long> newBalances, Map<String, Integer> changes, List<Transfer> transfers,
        Map<Integer, Refusal> refusals) {

    /** A batch of one command, refused. */
    public static BatchWrites refusing(Refusal refusal) {
        return new BatchWrites(Map.of(), Map.of(), List.of(), Map.of(0, refusal));
    }
}
