package dev.ledger.store;

import dev.ledger.domain.Account;
import dev.ledger.domain.Entry;
import dev.ledger.domain.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the API opens accounts and reads accounts, entries and transfers, and what it audits: the service's database
 * ({@link DatabaseRecords}) in every mode but one, whose accounts are spread over several databases.
 */
public interface LedgerRecords {

    /** Opens the account unless one with this id exists; true when opened. */
    boolean openAccount(String id, long openingBalance, Instant openedAt);

    Optional<Account> account(String id);

    /** The account's entries after {@code afterId}, oldest first, at most {@code limit}. */
    List<Entry> entries(String accountId, long afterId, int limit);

    Optional<Transfer> transfer(UUID id);

    /** The newest transfers, newest first. */
    List<Transfer> recentTransfers(int limit);

    /** The ledger's invariants, each with its figures. */
    AuditReport audit();
}
