package dev.ledger.store;

import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<TransferEntity, UUID> {

    /** Records the transfer and, when it committed, its two entries; balances are the caller's business. */
    public void record(Transfer transfer) {
        persist(TransferEntity.of(transfer));
        if (transfer.status() == TransferStatus.COMMITTED) {
            EntryEntity.persist(
                    EntryEntity.of(transfer.id(), transfer.from(), -transfer.amount(), transfer.createdAt()),
                    EntryEntity.of(transfer.id(), transfer.to(), transfer.amount(), transfer.createdAt()));
        }
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

    /**
     * Takes the transaction-scoped advisory lock of an idempotency key without waiting; false when another
     * transaction (on any node: the lock lives in PostgreSQL) holds it, i.e. a request with this key is in flight.
     */
    public boolean tryLockKey(String key) {
        Object locked = getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }
}
