package dev.ledger.store;

import dev.ledger.domain.Account;
import dev.ledger.domain.Entry;
import dev.ledger.domain.Transfer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The ledger's records in the service's one database. */
@ApplicationScoped
@Typed(DatabaseRecords.class)
public class DatabaseRecords implements LedgerRecords {

    @Inject
    AccountRepository accounts;
    @Inject
    EntryRepository entries;
    @Inject
    TransferRepository transfers;
    @Inject
    AuditRepository audits;

    @Override
    @Transactional
    public boolean openAccount(String id, long openingBalance, Instant openedAt) {
        return accounts.create(id, openingBalance, openedAt);
    }

    @Override
    public Optional<Account> account(String id) {
        return accounts.findAccount(id);
    }

    @Override
    public List<Entry> entries(String accountId, long afterId, int limit) {
        return entries.page(accountId, afterId, limit);
    }

    @Override
    public Optional<Transfer> transfer(UUID id) {
        return transfers.findTransfer(id);
    }

    @Override
    public List<Transfer> recentTransfers(int limit) {
        return transfers.recent(limit);
    }

    @Override
    public AuditReport audit() {
        return audits.audit();
    }
}
