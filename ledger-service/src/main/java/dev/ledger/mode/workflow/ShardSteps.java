package dev.ledger.mode.workflow;

import dev.ledger.contract.Mode;
import dev.ledger.contract.ShardRule;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import dev.ledger.sql.LedgerSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The steps of a transfer across shards, each one local transaction on one shard that moves the money between an
 * account and the shard's clearing account ({@value #CLEARING}), and records it as a transfer of its own under the
 * step's key ({@link ShardRule#stepKey}). The engine runs a step at least once; a second run finds the first
 * one's transfer and answers as it did, so each step takes effect exactly once. A run that finds another run of the
 * same step in progress fails ({@link StepInFlight}), and the engine tries it again later.
 */
final class ShardSteps {

    /** Each shard's clearing account: what it has sent to the other shard less what it has received from it. */
    static final String CLEARING = "_clearing";

    private final List<DataSource> shards;

    ShardSteps(List<DataSource> shards) {
        this.shards = List.copyOf(shards);
    }

    /** What a step did; {@code reason} says why it did not, when it did not. */
    record Outcome(boolean done, RejectionReason reason) {
        static final Outcome DONE = new Outcome(true, null);

        static Outcome refused(RejectionReason reason) {
            return new Outcome(false, reason);
        }

        static Outcome of(Transfer recorded) {
            return recorded.status() == TransferStatus.COMMITTED ? DONE : refused(recorded.reason());
        }
    }

    /** Another run of the same step holds its key: nothing was done, and the engine runs the step again later. */
    static final class StepInFlight extends RuntimeException {
        StepInFlight(String key) {
            super("step " + key + " is being run elsewhere");
        }
    }

    /** The debit, on {@code from}'s shard: {@code from} to the clearing account, if it holds the amount. */
    Outcome debit(UUID transfer, String from, long amount, Instant at) throws SQLException {
        Step step = new Step(transfer, "debit", from, CLEARING, amount, at);
        return inTransaction(ShardRule.shardOf(from), step, connection -> {
            if (LedgerSql.debitIfCovered(connection, from, amount)) {
                LedgerSql.moveClearing(connection, CLEARING, amount);
                return step.record(connection, null);
            }
            if (!LedgerSql.accountExists(connection, from)) {
                return Outcome.refused(RejectionReason.ACCOUNT_NOT_FOUND);
            }
            return step.record(connection, RejectionReason.INSUFFICIENT_FUNDS);
        });
    }

    /**
     * The credit, on {@code to}'s shard: the clearing account to {@code to}. Refused, for good, when {@code to} does
     * not exist or its balance would overflow: the transfer is then compensated ({@link #refund}).
     */
    Outcome credit(UUID transfer, String to, long amount, Instant at) throws SQLException {
        Step step = new Step(transfer, "credit", CLEARING, to, amount, at);
        return inTransaction(ShardRule.shardOf(to), step, connection -> {
            if (LedgerSql.creditUnlessOverflow(connection, to, amount)) {
                LedgerSql.moveClearing(connection, CLEARING, -amount);
                return step.record(connection, null);
            }
            if (!LedgerSql.accountExists(connection, to)) {
                return Outcome.refused(RejectionReason.ACCOUNT_NOT_FOUND);
            }
            return step.record(connection, RejectionReason.BALANCE_OVERFLOW);
        });
    }

    /** The compensation, on {@code from}'s shard: the amount back from the clearing account to {@code from}. */
    Outcome refund(UUID transfer, String from, long amount, Instant at) throws SQLException {
        Step step = new Step(transfer, "refund", CLEARING, from, amount, at);
        return inTransaction(ShardRule.shardOf(from), step, connection -> {
            if (!LedgerSql.creditUnlessOverflow(connection, from, amount)) {
                // Only if from received so much meanwhile that the refund would overflow it: retried, and the money
                // stays in transit, where the audit shows it.
                throw new SQLException("the refund of " + transfer + " would overflow " + from);
            }
            LedgerSql.moveClearing(connection, CLEARING, -amount);
            return step.record(connection, null);
        });
    }

    private interface StepWork {
        Outcome run(Connection connection) throws SQLException;
    }

    /** Runs a step's work in one transaction on the shard, unless a run of the step has already recorded it. */
    private Outcome inTransaction(int shard, Step step, StepWork work) throws SQLException {
        try (Connection connection = shards.get(shard).getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!LedgerSql.tryLockKey(connection, step.key())) {
                    throw new StepInFlight(step.key());
                }
                Optional<Transfer> earlier = LedgerSql.transferWithKey(connection, step.key());
                Outcome outcome = earlier.isPresent() ? Outcome.of(earlier.get()) : work.run(connection);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** One step of one transfer: a transfer of its own on one shard, with an id and a key derived from both. */
    private record Step(UUID transfer, String name, String from, String to, long amount, Instant at) {

        String key() {
            return ShardRule.stepKey(transfer, name);
        }

        /** Records the step, committed (its money moved already) or rejected for {@code reason}. */
        Outcome record(Connection connection, RejectionReason reason) throws SQLException {
            TransferStatus status = reason == null ? TransferStatus.COMMITTED : TransferStatus.REJECTED;
            UUID id = UUID.nameUUIDFromBytes(key().getBytes(StandardCharsets.UTF_8));
            Transfer recorded = new Transfer(id, from, to, amount, status, reason, Mode.WORKFLOW, key(), at);
            LedgerSql.record(connection, recorded, false);
            return Outcome.of(recorded);
        }
    }
}
