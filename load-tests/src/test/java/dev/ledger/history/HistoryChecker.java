package dev.ledger.history;

import dev.ledger.history.LedgerState.Entry;
import dev.ledger.history.LedgerState.Transfer;
import dev.ledger.history.Operation.BalanceRead;
import dev.ledger.history.Operation.LeaderClaim;
import dev.ledger.history.Operation.Outcome;
import dev.ledger.history.Operation.TransferAttempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks a run's history against the ledger it left, as Jepsen's checkers do, for what this ledger promises:
 * <ul>
 * <li>per Idempotency-Key: acknowledged means applied exactly once, as answered; accepted (202, the workflow mode)
 * means recorded, and decided exactly once by its workflow (eventual completion: as answered, once a decision was);
 * every attempt failed means never applied; an unknown outcome means at most once; nothing applied that no client
 * asked for;</li>
 * <li>the money: each account's balance is its opening balance plus its entries, never negative along the way;</li>
 * <li>real time (strict serializability of transfers): a transfer acknowledged before another one was first sent is
 * applied before it on every account they share;</li>
 * <li>linearizable balance reads, on any node: a read shows the account after some prefix of its entries that holds
 * every transfer acknowledged before the read was sent and none first sent after its answer came;</li>
 * <li>at most one leader per raft term.</li>
 * </ul>
 * Every violation is one line of {@link Result#anomalies()}; a clean history has none.
 */
public final class HistoryChecker {

    /** What the history held, and what is wrong with it. */
    public record Result(int keysAcknowledged, int keysFailed, int keysUnknown, int unknownKeysApplied, int reads,
            int leaderClaims, List<String> anomalies) {

        public boolean valid() {
            return anomalies.isEmpty();
        }

        public String summary() {
            return "%d keys acknowledged, %d failed, %d unknown (%d of them applied); ".formatted(keysAcknowledged,
                    keysFailed, keysUnknown, unknownKeysApplied)
                    + "%d balance reads; %d leader claims; %d anomalies".formatted(reads, leaderClaims,
                    anomalies.size());
        }
    }

    /** The attempts of one key, and when it was first sent and first acknowledged. */
    private static final class Key {
        final List<TransferAttempt> attempts = new ArrayList<>();
        long firstInvoked = Long.MAX_VALUE;
        long firstAcknowledged = Long.MAX_VALUE;

        void add(TransferAttempt attempt) {
            attempts.add(attempt);
            firstInvoked = Math.min(firstInvoked, attempt.invokedNanos());
            if (attempt.outcome() == Outcome.OK) {
                firstAcknowledged = Math.min(firstAcknowledged, attempt.completedNanos());
            }
        }

        /** The transfers the key was answered with: decided or accepted. */
        Set<String> answeredIds() {
            return attempts.stream().filter(a -> a.outcome() == Outcome.OK || a.outcome() == Outcome.ACCEPTED)
                    .map(TransferAttempt::transferId).collect(Collectors.toCollection(TreeSet::new));
        }

        boolean anyUnknown() {
            return attempts.stream().anyMatch(a -> a.outcome() == Outcome.UNKNOWN);
        }
    }

    private final List<String> anomalies = new ArrayList<>();
    private final Map<String, Key> keys = new HashMap<>();
    /** The key of each recorded transfer that a client asked for. */
    private final Map<String, Key> keyOfTransfer = new HashMap<>();

    private HistoryChecker() {
    }

    public static Result check(History history, LedgerState state) {
        return new HistoryChecker().run(history.operations(), state);
    }

    private Result run(List<Operation> operations, LedgerState state) {
        operations.stream().filter(TransferAttempt.class::isInstance).map(TransferAttempt.class::cast)
                .forEach(attempt -> keys.computeIfAbsent(attempt.key(), k -> new Key()).add(attempt));
        int[] counts = checkKeys(state);
        Map<String, List<Entry>> entriesByAccount = state.entries().stream()
                .collect(Collectors.groupingBy(Entry::account, TreeMap::new, Collectors.toList()));
        checkEntries(state, entriesByAccount);
        state.openingBalances().keySet().forEach(account ->
                checkRealTimeOrder(account, entriesByAccount.getOrDefault(account, List.of())));
        List<BalanceRead> reads = operations.stream().filter(BalanceRead.class::isInstance)
                .map(BalanceRead.class::cast).toList();
        reads.forEach(read -> checkRead(read, state, entriesByAccount.getOrDefault(read.account(), List.of())));
        List<LeaderClaim> claims = operations.stream().filter(LeaderClaim.class::isInstance)
                .map(LeaderClaim.class::cast).toList();
        checkOneLeaderPerTerm(claims);
        return new Result(counts[0], counts[1], counts[2], counts[3], reads.size(), claims.size(),
                List.copyOf(anomalies));
    }

    /** Returns {acknowledged, failed, unknown, unknown and applied} key counts. */
    private int[] checkKeys(LedgerState state) {
        Map<String, Transfer> appliedByKey = new HashMap<>();
        for (Transfer transfer : state.transfers()) {
            Key key = transfer.key() == null ? null : keys.get(transfer.key());
            if (key == null) {
                anomalies.add("transfer " + transfer.id() + " (key " + transfer.key() + ") was applied, but no client"
                        + " sent its key");
                continue;
            }
            appliedByKey.put(transfer.key(), transfer);
            keyOfTransfer.put(transfer.id(), key);
        }
        int[] counts = new int[4];
        keys.forEach((name, key) -> {
            Transfer applied = appliedByKey.get(name);
            Set<String> answered = key.answeredIds();
            TransferAttempt first = key.attempts.get(0);
            if (key.attempts.stream().anyMatch(a -> !a.from().equals(first.from()) || !a.to().equals(first.to())
                    || a.amount() != first.amount())) {
                anomalies.add("key " + name + " was sent with different bodies");
            }
            if (!answered.isEmpty()) {
                counts[0]++;
                checkAcknowledged(name, key, answered, applied);
            } else if (key.anyUnknown()) {
                counts[2]++;
                counts[3] += applied == null ? 0 : 1;
            } else {
                counts[1]++;
                if (applied != null) {
                    anomalies.add("key " + name + ": every attempt failed, yet transfer " + applied.id()
                            + " was applied");
                }
            }
        });
        return counts;
    }

    private void checkAcknowledged(String name, Key key, Set<String> answered, Transfer applied) {
        if (answered.size() > 1) {
            anomalies.add("key " + name + " was answered with different transfers " + answered);
        }
        if (applied == null) {
            anomalies.add("key " + name + " was acknowledged as " + answered + " but is not in the ledger (lost)");
            return;
        }
        // A decision, if one was answered; else the acceptance, whose workflow may decide either way.
        TransferAttempt told = key.attempts.stream().filter(a -> a.outcome() == Outcome.OK).findFirst()
                .orElseGet(() -> key.attempts.stream().filter(a -> a.outcome() == Outcome.ACCEPTED).findFirst()
                        .orElseThrow());
        boolean decidedAlike = told.outcome() == Outcome.ACCEPTED || told.status().equals(applied.status());
        if (!answered.contains(applied.id()) || !decidedAlike || !told.from().equals(applied.from())
                || !told.to().equals(applied.to()) || told.amount() != applied.amount()) {
            anomalies.add("key " + name + " was answered " + told.status() + " " + answered + ", but the ledger holds "
                    + applied);
        }
    }

    /**
     * Double entry and the money: each transfer's entries as its status has them ({@link #entriesFit}), and each
     * balance its opening balance plus its entries, never negative in the order they were applied.
     */
    private void checkEntries(LedgerState state, Map<String, List<Entry>> entriesByAccount) {
        Map<String, List<Entry>> byTransfer = state.entries().stream()
                .collect(Collectors.groupingBy(Entry::transferId));
        for (Transfer transfer : state.transfers()) {
            List<Entry> entries = byTransfer.getOrDefault(transfer.id(), List.of());
            if (!entriesFit(transfer, entries)) {
                anomalies.add("transfer " + transfer.id() + " (" + transfer.status() + ") has entries " + entries);
            }
        }
        state.openingBalances().forEach((account, opening) -> {
            long running = opening;
            boolean overdrawn = false;
            for (Entry entry : entriesByAccount.getOrDefault(account, List.of())) {
                running += entry.amount();
                if (running < 0 && !overdrawn) {
                    overdrawn = true;
                    anomalies.add(account + " went to " + running + " with entry " + entry.id());
                }
            }
            if (!Objects.equals(state.balances().get(account), running)) {
                anomalies.add(account + " has balance " + state.balances().get(account)
                        + ", its opening balance and entries make " + running);
            }
        });
    }

    /**
     * Committed: the debit of {@code from} and the credit of {@code to}, which cancel. Rejected: none. Compensated (the
     * workflow mode): the debit of {@code from}, then its refund. Pending (a workflow not finished): the debit, if
     * any, and then at most the credit or the refund. A transfer across shards has its entries in two databases,
     * whose entry ids do not order one against the other; both of a compensated one are on {@code from}'s.
     */
    private static boolean entriesFit(Transfer transfer, List<Entry> entries) {
        Predicate<Entry> debit = e -> e.account().equals(transfer.from()) && e.amount() == -transfer.amount();
        Predicate<Entry> credit = e -> e.account().equals(transfer.to()) && e.amount() == transfer.amount();
        Predicate<Entry> refund = e -> e.account().equals(transfer.from()) && e.amount() == transfer.amount();
        return switch (transfer.status()) {
            case "COMMITTED" -> entries.size() == 2 && entries.stream().anyMatch(debit)
                    && entries.stream().anyMatch(credit);
            case "COMPENSATED" -> entries.size() == 2 && debit.test(entries.get(0)) && refund.test(entries.get(1));
            case "PENDING" -> entries.isEmpty() || entries.size() == 1 && debit.test(entries.get(0))
                    || entries.size() == 2 && entries.stream().anyMatch(debit)
                            && entries.stream().anyMatch(credit.or(refund));
            default -> entries.isEmpty();
        };
    }

    /** No entry is applied after one whose transfer was first sent only once the earlier entry's was acknowledged. */
    private void checkRealTimeOrder(String account, List<Entry> entries) {
        long latestInvokedSoFar = Long.MIN_VALUE;
        Entry latestInvokedEntry = null;
        for (Entry entry : entries) {
            Key key = keyOfTransfer.get(entry.transferId());
            if (key == null) {
                continue;
            }
            if (key.firstAcknowledged < latestInvokedSoFar) {
                anomalies.add(account + ": transfer " + entry.transferId() + " was acknowledged before transfer "
                        + latestInvokedEntry.transferId() + " was first sent, but was applied after it");
            }
            if (key.firstInvoked > latestInvokedSoFar) {
                latestInvokedSoFar = key.firstInvoked;
                latestInvokedEntry = entry;
            }
        }
    }

    /**
     * The read must show the balance after some prefix of the account's entries: at least through the last entry
     * acknowledged before the read was sent, and short of the first entry sent after its answer came.
     */
    private void checkRead(BalanceRead read, LedgerState state, List<Entry> entries) {
        Long opening = state.openingBalances().get(read.account());
        if (opening == null) {
            anomalies.add("a read of " + read.account() + ", which is not an account of the run");
            return;
        }
        if (read.balance() < 0) {
            anomalies.add(read.node() + " read " + read.account() + " = " + read.balance() + " (negative)");
        }
        int mustInclude = 0;
        int mayInclude = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            Key key = keyOfTransfer.get(entries.get(i).transferId());
            if (key == null) {
                continue;
            }
            if (key.firstAcknowledged < read.invokedNanos()) {
                mustInclude = i + 1;
            }
            if (key.firstInvoked > read.completedNanos() && mayInclude == entries.size()) {
                mayInclude = i;
            }
        }
        long balance = opening;
        for (int prefix = 0; prefix <= mayInclude; prefix++) {
            if (prefix > 0) {
                balance += entries.get(prefix - 1).amount();
            }
            if (prefix >= mustInclude && balance == read.balance()) {
                return;
            }
        }
        anomalies.add(read.node() + " read " + read.account() + " = " + read.balance() + ", which is not its balance"
                + " after any of entries " + mustInclude + ".." + mayInclude + " (acknowledged before the read / sent"
                + " before its answer)");
    }

    private void checkOneLeaderPerTerm(List<LeaderClaim> claims) {
        Map<Long, Set<String>> leadersByTerm = claims.stream().collect(Collectors.groupingBy(LeaderClaim::term,
                TreeMap::new, Collectors.mapping(LeaderClaim::node, Collectors.toCollection(TreeSet::new))));
        leadersByTerm.forEach((term, leaders) -> {
            if (leaders.size() > 1) {
                anomalies.add("term " + term + " had more than one leader: " + leaders);
            }
        });
    }
}
