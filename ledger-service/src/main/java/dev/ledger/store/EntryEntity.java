package dev.ledger.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One side of a committed transfer: -amount on the debited account, +amount on the credited one. */
@Entity
@Table(name = "entry")
public class EntryEntity extends PanacheEntityBase {

    /**
     * Drawn from the sequence one at a time, while the transfer holds its accounts: then, per account, ids follow
     * commit order, which statements and their keyset paging rely on (V3 migration says why blocks broke it).
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entry_seq")
    @SequenceGenerator(name = "entry_seq", sequenceName = "entry_seq", allocationSize = 1)
    public Long id;

    @Column(name = "transfer_id")
    public UUID transferId;

    @Column(name = "account_id")
    public String accountId;

    public long amount;

    @Column(name = "created_at")
    public Instant createdAt;

    static EntryEntity of(UUID transferId, String accountId, long amount, Instant createdAt) {
        EntryEntity entry = new EntryEntity();
        entry.transferId = transferId;
        entry.accountId = accountId;
        entry.amount = amount;
        entry.createdAt = createdAt;
        return entry;
    }
}
