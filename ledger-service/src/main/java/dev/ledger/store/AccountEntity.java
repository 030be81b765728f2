package dev.ledger.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An account row. {@code version} is the JPA version the optimistic strategy checks on every update. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    public String id;

    public long balance;

    @Column(name = "opening_balance", updatable = false)
    public long openingBalance;

    @Version
    public long version;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
}
