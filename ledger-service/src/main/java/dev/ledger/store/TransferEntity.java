package dev.ledger.store;

import dev.ledger.contract.Mode;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A transfer row; written once, never updated (the schema refuses updates). */
@Entity
@Table(name = "transfer")
public class TransferEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "from_account")
    public String fromAccount;

    @Column(name = "to_account")
    public String toAccount;

    public long amount;

    @Enumerated(EnumType.STRING)
    public TransferStatus status;

    @Enumerated(EnumType.STRING)
    public RejectionReason reason;

    public String mode;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at")
    public Instant createdAt;

    static TransferEntity of(Transfer transfer) {
        TransferEntity entity = new TransferEntity();
        entity.id = transfer.id();
        entity.fromAccount = transfer.from();
        entity.toAccount = transfer.to();
        entity.amount = transfer.amount();
        entity.status = transfer.status();
        entity.reason = transfer.reason();
        entity.mode = transfer.mode().value();
        entity.idempotencyKey = transfer.idempotencyKey();
        entity.createdAt = transfer.createdAt();
        return entity;
    }

    Transfer toTransfer() {
        return new Transfer(id, fromAccount, toAccount, amount, status, reason, Mode.fromValue(mode), idempotencyKey,
                createdAt);
    }
}
