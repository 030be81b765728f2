package dev.ledger.history;

import dev.ledger.history.Operation.BalanceRead;
import dev.ledger.history.Operation.LeaderClaim;
import dev.ledger.history.Operation.Outcome;
import dev.ledger.history.Operation.TransferAttempt;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the clients of a run did, recorded by any number of threads; {@link HistoryChecker} reads it afterwards. */
public final class History {

    private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();

    /** The answer to a transfer attempt, recorded with the time it arrived. */
    public void transfer(long invokedNanos, String node, String key, String from, String to, long amount,
            Outcome outcome, String transferId, String status) {
        operations.add(new TransferAttempt(invokedNanos, System.nanoTime(), node, key, from, to, amount, outcome,
                transferId, status));
    }

    public void balanceRead(long invokedNanos, String node, String account, long balance) {
        operations.add(new BalanceRead(invokedNanos, System.nanoTime(), node, account, balance));
    }

    public void leaderClaim(long invokedNanos, String node, long term) {
        operations.add(new LeaderClaim(invokedNanos, System.nanoTime(), node, term));
    }

    /** Adds an operation as it is (hand-made histories in tests). */
    public void add(Operation operation) {
        operations.add(operation);
    }

    /**
     * Transfer attempts that {@code node} answered OK, sent and answered within [fromNanos, toNanos]: what a node
     * cut off from the majority acknowledged while it was (it must be none).
     */
    public long acknowledgedBy(String node, long fromNanos, long toNanos) {
        return operations.stream().filter(TransferAttempt.class::isInstance).map(TransferAttempt.class::cast)
                .filter(a -> a.node().equals(node) && a.outcome() == Outcome.OK)
                .filter(a -> a.invokedNanos() >= fromNanos && a.completedNanos() <= toNanos).count();
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    public long count(Class<? extends Operation> kind) {
        return operations.stream().filter(kind::isInstance).count();
    }
}
