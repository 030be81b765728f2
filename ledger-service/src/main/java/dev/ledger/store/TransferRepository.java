package dev.ledger.store;

import dev.ledger.domain.Transfer;
import dev.ledger.sql.LedgerSql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<TransferEntity, UUID> {

    /** Records the transfer and, when it committed, its two entries; balances are the caller's business. */
    public void record(Transfer transfer) {
        write(transfer, false);
    }

    /**
     * Records the transfer and, when it committed, its entries and the move of its amount, in one statement; the
     * caller holds both account rows locked and decided with their balances.
     */
    public void recordAndMove(Transfer transfer) {
        write(transfer, true);
    }

    private void write(Transfer transfer, boolean moveMoney) {
        getEntityManager().unwrap(Session.class).doWork(connection -> LedgerSql.record(connection, transfer,
                moveMoney));
    }

    public Optional<Transfer> findTransfer(UUID id) {
        return findByIdOptional(id).map(TransferEntity::toTransfer);
    }

    /**
     * The newest {@code limit} transfers, newest first (ties broken by id, so the order is stable). A top-N sort over
     * the table: an index on created_at would make every transfer's insert dearer for a page that polls every few
     * seconds.
     */
    public List<Transfer> recent(int limit) {
        return findAll(Sort.descending("createdAt", "id")).range(0, limit - 1).list().stream()
                .map(TransferEntity::toTransfer)
                .toList();
    }

    public Optional<Transfer> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional().map(TransferEntity::toTransfer);
    }

    /** See {@link LedgerSql#tryLockKey}. */
    public boolean tryLockKey(String key) {
        return getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> LedgerSql.tryLockKey(connection, key));
    }
}
