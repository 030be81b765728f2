package dev.ledger.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.system.LedgerClient.Entry;
import dev.ledger.system.LedgerClient.TransferAnswer;
import dev.ledger.system.LedgerClient.TransferRequest;
import dev.ledger.system.TransferLoad.Settled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the ledger must show once a load is over, whatever faults it went through: exactly the
 * acknowledged transfers took effect, each exactly once, in an order that never overdrew an account.
 */
final class LedgerInvariants {

    private static final int MAX_VIOLATIONS_SHOWN = 30;

    private final LedgerClient client;
    private final String nodeUrl;
    private final List<String> violations = new ArrayList<>();

    private LedgerInvariants(LedgerClient client, String nodeUrl) {
        this.client = client;
        this.nodeUrl = nodeUrl;
    }

    /**
     * Checks the ledger, read through {@code nodeUrl}, against the definite answer every key got; the
     * cluster must be quiescent and every key settled.
     */
    static void assertExactlyOnce(LedgerClient client, String nodeUrl, Map<String, Long> openingBalances,
            Collection<Settled> settled) throws IOException, InterruptedException {
        LedgerInvariants check = new LedgerInvariants(client, nodeUrl);
        Map<String, Settled> moved = check.byTransferId(settled).entrySet().stream()
                .filter(transfer -> movedMoney(transfer.getValue().answer()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long movedKeys = settled.stream().filter(key -> movedMoney(key.answer())).count();
        if (moved.size() != movedKeys) {
            check.violations.add(movedKeys + " keys committed or compensated, but " + moved.size()
                    + " distinct transfer ids");
        }
        for (var account : openingBalances.entrySet()) {
            check.account(account.getKey(), account.getValue(), moved);
        }
        JsonNode audit = client.audit(nodeUrl);
        if (!audit.path("ok").asBoolean(false)) {
            check.violations.add("GET /ledger/audit is not ok: " + audit);
        }
        assertTrue(check.violations.isEmpty(), () -> check.violations.size() + " violations, e.g.:\n"
                + check.violations.stream().limit(MAX_VIOLATIONS_SHOWN).collect(Collectors.joining("\n")));
        System.out.printf("exactly once: %d committed or compensated transfers in %d accounts match the ledger;"
                + " audit ok%n", moved.size(), openingBalances.size());
    }

    /** Committed, or compensated (the workflow mode: debited, then refunded): entries to find. */
    private static boolean movedMoney(TransferAnswer answer) {
        return answer.committed() || answer.compensated();
    }

    /** The settled keys by the transfer they were answered with; two keys may never share one. */
    private Map<String, Settled> byTransferId(Collection<Settled> settled) {
        Map<String, Settled> byId = new HashMap<>();
        for (Settled key : settled) {
            String id = key.answer().transferId();
            if (id == null) {
                violations.add(key.request().idempotencyKey() + " was answered without a transfer id: " + key.answer());
                continue;
            }
            Settled other = byId.putIfAbsent(id, key);
            if (other != null) {
                violations.add("keys " + other.request().idempotencyKey() + " and " + key.request().idempotencyKey()
                        + " were both answered with transfer " + id);
            }
        }
        return byId;
    }

    /**
     * The balance is the opening balance plus the acknowledged transfers; each committed transfer has exactly one
     * entry here, each compensated one two on its {@code from} (the debit, then its refund), and no other transfer
     * has any; and replayed in entry order (the order of application) the entries never take the balance below
     * zero.
     */
    private void account(String account, long opening, Map<String, Settled> moved)
            throws IOException, InterruptedException {
        Map<String, List<Long>> expectedAmounts = new HashMap<>();
        for (var transfer : moved.entrySet()) {
            TransferRequest request = transfer.getValue().request();
            boolean compensated = transfer.getValue().answer().compensated();
            if (request.from().equals(account)) {
                expectedAmounts.put(transfer.getKey(), compensated ? List.of(-request.amount(), request.amount())
                        : List.of(-request.amount()));
            } else if (request.to().equals(account) && !compensated) {
                expectedAmounts.put(transfer.getKey(), List.of(request.amount()));
            }
        }
        long expectedBalance = opening + expectedAmounts.values().stream().flatMap(List::stream)
                .mapToLong(Long::longValue).sum();
        long balance = client.balance(nodeUrl, account);
        if (balance != expectedBalance) {
            violations.add(account + ": balance " + balance + ", but opening balance + acknowledged transfers = "
                    + expectedBalance);
        }

        List<Entry> entries = client.entries(nodeUrl, account);
        Map<String, List<Entry>> entriesByTransfer = entries.stream()
                .collect(Collectors.groupingBy(Entry::transferId));
        for (var expected : expectedAmounts.entrySet()) {
            List<Entry> found = entriesByTransfer.getOrDefault(expected.getKey(), List.of());
            if (!found.stream().map(Entry::amount).toList().equals(expected.getValue())) {
                violations.add(account + ": acknowledged transfer " + expected.getKey() + " (" + expected.getValue()
                        + ") has entries " + found);
            }
        }
        entriesByTransfer.keySet().stream()
                .filter(transferId -> !expectedAmounts.containsKey(transferId))
                .forEach(transferId -> violations.add(account + ": entries " + entriesByTransfer.get(transferId)
                        + " of transfer " + transferId + ", which no client was told committed"));

        long running = opening;
        for (Entry entry : entries) {
            running += entry.amount();
            if (running < 0) {
                violations.add(account + ": balance " + running + " after entry " + entry.id()
                        + ": entries applied out of order");
                break;
            }
        }
    }
}
