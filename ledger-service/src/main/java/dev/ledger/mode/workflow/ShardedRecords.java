package dev.ledger.mode.workflow;

import dev.ledger.contract.ShardRule;
import dev.ledger.domain.Account;
import dev.ledger.domain.Entry;
import dev.ledger.domain.Transfer;
import dev.ledger.sql.LedgerSql;
import dev.ledger.store.AuditReport;
import dev.ledger.store.AuditSql;
import dev.ledger.store.LedgerRecords;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The ledger's records over the shards: an account and its entries on its shard; a transfer across shards in the
 * engine's database, one within a shard (and each step of one across them) on its shard; the audit of each shard, and
 * what is in transit between them. The shards' clearing accounts are the shards' own, not clients': not listed.
 */
final class ShardedRecords implements LedgerRecords {

    /** Past this, an unfinished transfer is overdue: its steps retry every second, a dead node's within 12 s. */
    static final Duration IN_TRANSIT_MAX = Duration.ofSeconds(60);

    private final List<DataSource> shards;
    private final WorkflowTransfers workflows;

    ShardedRecords(List<DataSource> shards, WorkflowTransfers workflows) {
        this.shards = List.copyOf(shards);
        this.workflows = workflows;
    }

    @Override
    public boolean openAccount(String id, long openingBalance, Instant openedAt) {
        return DatabaseFailure.unchecked(() -> {
            try (Connection connection = shardOf(id).getConnection()) {
                return LedgerSql.openAccount(connection, id, openingBalance, openedAt);
            }
        });
    }

    @Override
    public Optional<Account> account(String id) {
        return DatabaseFailure.unchecked(() -> {
            try (Connection connection = shardOf(id).getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT id, balance, opening_balance,"
                            + " version FROM account WHERE id = ? AND NOT clearing")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Account(row.getString(1), row.getLong(2), row.getLong(3),
                            row.getLong(4))) : Optional.empty();
                }
            }
        });
    }

    /** A step's entry names the client's transfer it is a part of, as every entry of the other modes does. */
    @Override
    public List<Entry> entries(String accountId, long afterId, int limit) {
        return DatabaseFailure.unchecked(() -> {
            List<Entry> page = new ArrayList<>();
            try (Connection connection = shardOf(accountId).getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT e.id, "
                            + LedgerSql.CLIENT_TRANSFER_ID + ", e.account_id, e.amount, e.created_at FROM entry e"
                            + " JOIN transfer t ON t.id = e.transfer_id WHERE e.account_id = ? AND e.id > ?"
                            + " ORDER BY e.id LIMIT ?")) {
                select.setString(1, accountId);
                select.setLong(2, afterId);
                select.setInt(3, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        page.add(new Entry(row.getLong(1), row.getObject(2, UUID.class), row.getString(3),
                                row.getLong(4), row.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return page;
        });
    }

    @Override
    public Optional<Transfer> transfer(UUID id) {
        return DatabaseFailure.unchecked(() -> {
            Optional<Transfer> across = workflows.find(id);
            if (across.isPresent()) {
                return across;
            }
            for (DataSource shard : shards) {
                try (Connection connection = shard.getConnection()) {
                    Optional<Transfer> within = LedgerSql.transferWithId(connection, id);
                    if (within.isPresent()) {
                        return within;
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** The newest of the transfers across shards and of those within each (not the steps: they are parts). */
    @Override
    public List<Transfer> recentTransfers(int limit) {
        return DatabaseFailure.unchecked(() -> {
            List<Transfer> recent = new ArrayList<>(workflows.recent(limit));
            for (DataSource shard : shards) {
                try (Connection connection = shard.getConnection();
                        PreparedStatement select = connection.prepareStatement("SELECT " + LedgerSql.TRANSFER_COLUMNS
                                + " FROM transfer WHERE idempotency_key NOT LIKE '" + ShardRule.STEP_KEY_PREFIX
                                + "%' ORDER BY created_at DESC, id DESC LIMIT ?")) {
                    select.setInt(1, limit);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            recent.add(LedgerSql.transfer(row));
                        }
                    }
                }
            }
            return recent.stream().sorted(Comparator.comparing(Transfer::createdAt).thenComparing(Transfer::id)
                    .reversed()).limit(limit).toList();
        });
    }

    /**
     * Each shard's five invariants, in its own snapshot, and what is in transit between them: the engine's unfinished
     * transfers read before and after the clearing accounts, so that a transfer that moves meanwhile is counted.
     */
    @Override
    public AuditReport audit() {
        return DatabaseFailure.unchecked(() -> {
            List<AuditReport> reports = new ArrayList<>();
            for (DataSource shard : shards) {
                try (Connection connection = shard.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        reports.add(AuditSql.audit(connection));
                    } finally {
                        connection.rollback();
                    }
                }
            }
            WorkflowTransfers.Progress before = workflows.progress(IN_TRANSIT_MAX);
            BigInteger clearing = BigInteger.ZERO;
            for (DataSource shard : shards) {
                clearing = clearing.add(BigInteger.valueOf(clearingBalance(shard)));
            }
            WorkflowTransfers.Progress after = workflows.progress(IN_TRANSIT_MAX);
            return combined(reports, inTransit(before, clearing, after));
        });
    }

    private static AuditReport.InTransit inTransit(WorkflowTransfers.Progress before, BigInteger clearing,
            WorkflowTransfers.Progress after) {
        boolean quiet = before.unfinished() == 0 && after.unfinished() == 0 && before.started() == after.started();
        // Held in transit now: only by a transfer unfinished before, or started since.
        BigInteger most = before.unfinishedAmount().add(after.startedAmount().subtract(before.startedAmount()));
        boolean ok = after.overdue() == 0 && (quiet ? clearing.signum() == 0 : clearing.compareTo(most) <= 0);
        return new AuditReport.InTransit(ok, clearing, after.unfinished(), after.unfinishedAmount(), quiet,
                after.overdue());
    }

    private static AuditReport combined(List<AuditReport> shards, AuditReport.InTransit inTransit) {
        BigInteger opening = BigInteger.ZERO;
        BigInteger balance = BigInteger.ZERO;
        long accounts = 0;
        long negative = 0;
        long entries = 0;
        long mismatched = 0;
        long committed = 0;
        long rejected = 0;
        long unbalanced = 0;
        long keyed = 0;
        long distinct = 0;
        boolean conserved = true;
        boolean keysOnce = true;
        for (AuditReport shard : shards) {
            accounts += shard.accounts();
            opening = opening.add(shard.moneyConserved().openingTotal());
            balance = balance.add(shard.moneyConserved().balanceTotal());
            conserved &= shard.moneyConserved().ok();
            negative += shard.noNegative().negativeAccounts();
            entries += shard.entriesMatch().entries();
            mismatched += shard.entriesMatch().mismatchedAccounts();
            committed += shard.transfersBalanced().committed();
            rejected += shard.transfersBalanced().rejected();
            unbalanced += shard.transfersBalanced().unbalanced();
            keyed += shard.keysOnce().keyedTransfers();
            distinct += shard.keysOnce().distinctKeys();
            keysOnce &= shard.keysOnce().ok();
        }
        boolean ok = shards.stream().allMatch(AuditReport::ok) && inTransit.ok();
        return new AuditReport(ok, accounts, new AuditReport.MoneyConserved(conserved, opening, balance),
                new AuditReport.NoNegative(negative == 0, negative),
                new AuditReport.EntriesMatch(mismatched == 0, entries, mismatched),
                new AuditReport.TransfersBalanced(unbalanced == 0, committed, rejected, unbalanced),
                new AuditReport.KeysOnce(keysOnce, keyed, distinct), inTransit);
    }

    private static long clearingBalance(DataSource shard) throws SQLException {
        try (Connection connection = shard.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            select.setString(1, ShardSteps.CLEARING);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private DataSource shardOf(String accountId) {
        return shards.get(ShardRule.shardOf(accountId));
    }
}
