package dev.ledger.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/** Checks the ledger invariants in SQL over the service's database ({@link AuditSql}, in one transaction). */
@ApplicationScoped
public class AuditRepository {

    @Inject
    EntityManager em;

    @Transactional
    public AuditReport audit() {
        return em.unwrap(Session.class).doReturningWork(AuditSql::audit);
    }
}
