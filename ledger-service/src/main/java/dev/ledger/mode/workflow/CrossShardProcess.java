package dev.ledger.mode.workflow;

import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.BpmnError;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * The process a transfer across shards runs ({@code workflow/cross-shard-transfer.bpmn20.xml}): its variables, and
 * what each of its tasks does, as the beans its expressions name. The steps' own transactions are on the shards; the
 * engine completes a step's job in its own transaction after the step's has committed, so a crash in between runs the
 * step again, which its key makes harmless. A database that fails a task fails its job, which the engine runs again
 * later ({@link StepRetries}).
 */
final class CrossShardProcess {

    static final String KEY = "crossShardTransfer";
    static final String RESOURCE = "workflow/cross-shard-transfer.bpmn20.xml";

    private static final String TRANSFER_ID = "transferId";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String AMOUNT = "amount";
    private static final String CREATED_AT = "createdAt";
    private static final String DEBITED = "debited";
    private static final String REASON = "reason";
    private static final String CREDIT_REFUSED = "CREDIT_REFUSED";

    private final ShardSteps steps;
    private final WorkflowTransfers transfers;

    CrossShardProcess(ShardSteps steps, WorkflowTransfers transfers) {
        this.steps = steps;
        this.transfers = transfers;
    }

    /** Starts the instance of a pending transfer, in the caller's transaction (which recorded it). */
    static void start(RuntimeService runtime, Transfer pending) {
        runtime.startProcessInstanceByKey(KEY, pending.id().toString(), Map.of(TRANSFER_ID, pending.id().toString(),
                FROM, pending.from(), TO, pending.to(), AMOUNT, pending.amount(),
                CREATED_AT, pending.createdAt().toString()));
    }

    /** The beans the process's expressions name. */
    Map<Object, Object> beans() {
        JavaDelegate debit = execution -> {
            ShardSteps.Outcome outcome = DatabaseFailure.unchecked(() -> steps.debit(id(execution),
                    string(execution, FROM), amount(execution), createdAt(execution)));
            execution.setVariable(DEBITED, outcome.done());
            execution.setVariable(REASON, reasonName(outcome));
        };
        JavaDelegate credit = execution -> {
            ShardSteps.Outcome outcome = DatabaseFailure.unchecked(() -> steps.credit(id(execution),
                    string(execution, TO), amount(execution), createdAt(execution)));
            if (!outcome.done()) {
                execution.setVariable(REASON, reasonName(outcome));
                throw new BpmnError(CREDIT_REFUSED, "the credit can never succeed: " + outcome.reason());
            }
        };
        JavaDelegate refund = execution -> DatabaseFailure.unchecked(() -> steps.refund(id(execution),
                string(execution, FROM), amount(execution), createdAt(execution)));
        return Map.of("debitStep", debit, "creditStep", credit, "refundStep", refund,
                "commitStep", finish(TransferStatus.COMMITTED), "rejectStep", finish(TransferStatus.REJECTED),
                "compensateStep", finish(TransferStatus.COMPENSATED));
    }

    /** The last task of each path: the transfer's outcome, in the engine's transaction that ends the instance. */
    private JavaDelegate finish(TransferStatus status) {
        return execution -> {
            String reason = (String) execution.getVariable(REASON);
            DatabaseFailure.unchecked(() -> {
                transfers.finish(id(execution), status, reason == null ? null : RejectionReason.valueOf(reason));
                return null;
            });
        };
    }

    /** A variable's value is stored by name: an enum would be stored serialized. */
    private static String reasonName(ShardSteps.Outcome outcome) {
        return outcome.reason() == null ? null : outcome.reason().name();
    }

    private static UUID id(DelegateExecution execution) {
        return UUID.fromString(string(execution, TRANSFER_ID));
    }

    private static String string(DelegateExecution execution, String name) {
        return (String) execution.getVariable(name);
    }

    private static long amount(DelegateExecution execution) {
        return ((Number) execution.getVariable(AMOUNT)).longValue();
    }

    private static Instant createdAt(DelegateExecution execution) {
        return Instant.parse(string(execution, CREATED_AT));
    }
}
