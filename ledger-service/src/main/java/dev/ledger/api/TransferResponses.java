package dev.ledger.api;

import dev.ledger.transfer.Transfer;
import dev.ledger.transfer.TransferResult;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/** The one place that maps a transfer outcome to its HTTP status, headers and body. */
final class TransferResponses {

    static final String REPLAYED = "Idempotent-Replayed";

    private TransferResponses() {
    }

    static Response of(TransferResult result) {
        Transfer transfer = result.transfer();
        Response.ResponseBuilder builder = switch (result.outcome()) {
            case COMMITTED -> Response.created(location(transfer)).entity(TransferResponse.of(transfer));
            case REJECTED -> Problems.builder(switch (transfer.reason()) {
                case INSUFFICIENT_FUNDS -> ProblemType.INSUFFICIENT_FUNDS;
                case BALANCE_OVERFLOW -> ProblemType.BALANCE_OVERFLOW;
            }, "transfer " + transfer.id() + " was rejected and recorded", Map.of(
                    "instance", location(transfer).toString(),
                    "transfer", TransferResponse.of(transfer)));
            case ACCOUNT_NOT_FOUND -> Problems.builder(ProblemType.ACCOUNT_NOT_FOUND,
                    "account '" + result.detail() + "' does not exist",
                    Map.of("accountId", result.detail()));
            case INVALID_COMMAND -> Problems.builder(ProblemType.INVALID_REQUEST,
                    "the raft group could not apply this transfer (" + result.detail() + "); nothing was done",
                    Map.of());
            case KEY_REUSED -> Problems.builder(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "the key was first used for transfer " + transfer.id() + " with another from/to/amount",
                    Map.of());
            case KEY_IN_FLIGHT -> Problems.builder(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT, null, Map.of());
            case WRITE_CONFLICT -> Problems.builder(ProblemType.WRITE_CONFLICT,
                    "retry with the same Idempotency-Key", Map.of());
        };
        if (result.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.build();
    }

    private static URI location(Transfer transfer) {
        return URI.create("/transfers/" + transfer.id());
    }
}
