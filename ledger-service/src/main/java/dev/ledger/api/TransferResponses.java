package dev.ledger.api;

import dev.ledger.contract.ProblemType;
import dev.ledger.domain.RejectionReason;
import dev.ledger.domain.Transfer;
import dev.ledger.domain.TransferResult;
import dev.ledger.domain.TransferResult.AccountNotFound;
import dev.ledger.domain.TransferResult.Committed;
import dev.ledger.domain.TransferResult.Compensated;
import dev.ledger.domain.TransferResult.InvalidCommand;
import dev.ledger.domain.TransferResult.KeyInFlight;
import dev.ledger.domain.TransferResult.KeyReused;
import dev.ledger.domain.TransferResult.Pending;
import dev.ledger.domain.TransferResult.Rejected;
import dev.ledger.domain.TransferResult.WriteConflict;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place that maps a transfer outcome to its HTTP status, headers and body. */
final class TransferResponses {

    static final String REPLAYED = "Idempotent-Replayed";
    /** Where a transfer is, relative to the API's base URI. */
    private static final String TRANSFERS = "transfers/";

    private TransferResponses() {
    }

    /**
     * @param baseUri the API's base URI as the request had it: the answer may be built after the request's own
     *     thread has let go of it (a leader's answer comes later), when a relative Location could not be resolved
     */
    static Response of(TransferResult result, URI baseUri) {
        Response.ResponseBuilder builder = builder(result, baseUri);
        if (result.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.build();
    }

    private static Response.ResponseBuilder builder(TransferResult result, URI baseUri) {
        if (result instanceof Committed committed) {
            return Response.created(baseUri.resolve(TRANSFERS + committed.transfer().id()))
                    .entity(TransferResponse.of(committed.transfer()));
        }
        if (result instanceof Pending pending) {
            return Response.accepted(TransferResponse.of(pending.transfer()))
                    .location(baseUri.resolve(TRANSFERS + pending.transfer().id()));
        }
        if (result instanceof Rejected rejected) {
            return refused(rejected.transfer(), rejected.transfer().from(), "was rejected and recorded");
        }
        if (result instanceof Compensated compensated) {
            return refused(compensated.transfer(), compensated.transfer().to(),
                    "was debited, refused by the credit, and the debit undone");
        }
        if (result instanceof AccountNotFound notFound) {
            return Problems.builder(ProblemType.ACCOUNT_NOT_FOUND,
                    "account '" + notFound.accountId() + "' does not exist", Map.of("accountId", notFound.accountId()));
        }
        if (result instanceof KeyReused reused) {
            return Problems.builder(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "the key was first used for transfer " + reused.earlier().id() + " with another from/to/amount",
                    Map.of());
        }
        if (result instanceof KeyInFlight) {
            return Problems.builder(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT, null, Map.of());
        }
        if (result instanceof WriteConflict) {
            return Problems.builder(ProblemType.WRITE_CONFLICT, "retry with the same Idempotency-Key", Map.of());
        }
        InvalidCommand invalid = (InvalidCommand) result;
        return Problems.builder(ProblemType.INVALID_REQUEST,
                "the leader could not apply this transfer (" + invalid.why() + "); nothing was done", Map.of());
    }

    /**
     * A recorded transfer that moved nothing: the problem its reason names, with the transfer (and, when an account was
     * found missing, which: the workflow mode finds {@code from} missing at the debit, {@code to} at the credit).
     */
    private static Response.ResponseBuilder refused(Transfer transfer, String refusingAccount, String what) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("instance", location(transfer).toString());
        members.put("transfer", TransferResponse.of(transfer));
        if (transfer.reason() == RejectionReason.ACCOUNT_NOT_FOUND) {
            members.put("accountId", refusingAccount);
        }
        return Problems.builder(switch (transfer.reason()) {
            case INSUFFICIENT_FUNDS -> ProblemType.INSUFFICIENT_FUNDS;
            case BALANCE_OVERFLOW -> ProblemType.BALANCE_OVERFLOW;
            case ACCOUNT_NOT_FOUND -> ProblemType.ACCOUNT_NOT_FOUND;
        }, "transfer " + transfer.id() + " " + what, members);
    }

    private static URI location(Transfer transfer) {
        return URI.create("/" + TRANSFERS + transfer.id());
    }
}
