package dev.ledger.store;

import dev.ledger.domain.Account;
import dev.ledger.sql.LedgerSql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.Session;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, String> {

    /** Creates the account unless one with this id exists; true when created. */
    public boolean create(String id, long openingBalance, Instant createdAt) {
        return getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> LedgerSql.openAccount(connection, id, openingBalance, createdAt));
    }

    public Optional<Account> findAccount(String id) {
        return findByIdOptional(id).map(AccountRepository::toAccount);
    }

    /**
     * The balances of those of the two accounts that exist, both rows locked until the transaction ends, in one
     * statement (SELECT ... ORDER BY id FOR NO KEY UPDATE: ascending id order, so no deadlock).
     */
    public Map<String, Long> lockBalances(String first, String second) {
        return getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> LedgerSql.lockAccounts(connection, first, second));
    }

    /** Both accounts that exist, in one query, as managed entities (no lock). */
    public Map<String, AccountEntity> findBoth(String first, String second) {
        return list("id in ?1", List.of(first, second)).stream()
                .collect(Collectors.toMap(account -> account.id, account -> account));
    }

    /** Atomic debit: applied only if the balance covers it; false when not (or no such account). */
    public boolean debitIfCovered(String id, long amount) {
        return getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> LedgerSql.debitIfCovered(connection, id, amount));
    }

    /** Atomic credit: applied only if the balance cannot overflow; false when it would (or no such account). */
    public boolean creditUnlessOverflow(String id, long amount) {
        return getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> LedgerSql.creditUnlessOverflow(connection, id, amount));
    }

    /** Adds a signed amount to a row this transaction already changed (and so holds locked): undoes a move. */
    public void add(String id, long signedAmount) {
        update("balance = balance + ?1, version = version + 1 where id = ?2", signedAmount, id);
    }

    /** The first of the given ids that names no account, if any. */
    public Optional<String> firstMissing(String... ids) {
        List<String> existing = getEntityManager()
                .createQuery("select a.id from AccountEntity a where a.id in ?1", String.class)
                .setParameter(1, List.of(ids))
                .getResultList();
        for (String id : ids) {
            if (!existing.contains(id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    static Account toAccount(AccountEntity entity) {
        return new Account(entity.id, entity.balance, entity.openingBalance, entity.version);
    }
}
