package dev.ledger.store;

import dev.ledger.domain.Entry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class EntryRepository implements PanacheRepositoryBase<EntryEntity, Long> {

    /** Up to {@code limit} entries of the account with an id above {@code afterId}, oldest first (keyset paging). */
    public List<Entry> page(String accountId, long afterId, int limit) {
        return find("accountId = ?1 and id > ?2", Sort.by("id"), accountId, afterId)
                .range(0, limit - 1)
                .stream()
                .map(e -> new Entry(e.id, e.transferId, e.accountId, e.amount, e.createdAt))
                .toList();
    }
}
