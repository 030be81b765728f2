package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Inputs;
import dev.ledger.domain.TransferCommand;
import dev.ledger.domain.TransferResult;
import dev.ledger.mode.TransferService;
import dev.ledger.store.TransferRepository;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/transfers")
@Produces(MediaType.APPLICATION_JSON)
public class TransferResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** {@code GET /transfers} is a look at the latest activity (the dashboard's list), not an export: no paging. */
    static final int RECENT_DEFAULT = 20;
    static final int RECENT_MAX = 100;

    @Inject
    TransferService service;
    @Inject
    TransferRepository transfers;
    @Inject
    LedgerConfig config;

    /**
     * Moves money. Checks in order: the body (400), the Idempotency-Key (400), then the strategy decides: replay or
     * refusal for a known key, unknown account (404), insufficient funds (422, recorded), committed (201).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move money between two accounts",
            description = "Every mode requires an Idempotency-Key: in each, an answer can leave the outcome open."
                    + " 503 /problems/unavailable: nothing was done. 503 /problems/outcome-unknown: it may have taken"
                    + " effect; retry with the same key to learn which.")
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = true,
            description = "A unique string per transfer (1-255 visible ASCII characters), reused only for its retries")
    public Response create(TransferRequest request, @Context HttpHeaders headers) {
        TransferCommand command = validate(request, idempotencyKey(headers));
        TransferResult result = service.transfer(command);
        return TransferResponses.of(result);
    }

    /** The most recent transfers, newest first, committed and rejected alike. */
    @GET
    public RecentTransfers recent(@QueryParam("limit") String limit) {
        int count = QueryParams.parse(limit, "limit", RECENT_DEFAULT, 1, RECENT_MAX);
        return new RecentTransfers(transfers.recent(count).stream().map(TransferResponse::of).toList());
    }

    @GET
    @Path("/{id}")
    public TransferResponse get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "transfer ids are UUIDs");
        }
        return transfers.findTransfer(uuid).map(TransferResponse::of).orElseThrow(
                () -> new ProblemException(ProblemType.TRANSFER_NOT_FOUND, "transfer " + id + " does not exist"));
    }

    private TransferCommand validate(TransferRequest request, String idempotencyKey) {
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
        }
        requireAccountId("from", request.from());
        requireAccountId("to", request.to());
        if (request.amount() == null || request.amount() <= 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "amount is required: a positive integer in minor units");
        }
        if (request.from().equals(request.to())) {
            throw new ProblemException(ProblemType.SAME_ACCOUNT, "from and to are both '" + request.from() + "'");
        }
        // Required in every mode: in each, an answer can come without the outcome (a raft proposal committed after
        // its deadline, a commit cut off by the database), and only a retry with the same key can then tell it.
        if (idempotencyKey == null) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "send an Idempotency-Key header (a unique string per transfer, reused only for its retries)");
        }
        int maxKeyLength = config.idempotency().keyMaxLength();
        if (idempotencyKey != null && !Inputs.isIdempotencyKey(idempotencyKey, maxKeyLength)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_INVALID,
                    "1 to " + maxKeyLength + " visible ASCII characters");
        }
        return new TransferCommand(UUID.randomUUID(), request.from(), request.to(), request.amount(),
                idempotencyKey, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** The key, null when absent; an empty or repeated header is refused rather than read as "no key". */
    private static String idempotencyKey(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(IDEMPOTENCY_KEY);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_INVALID, "send one Idempotency-Key header");
        }
        return values.get(0);
    }

    private static void requireAccountId(String field, String value) {
        if (value == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " is required");
        }
        if (!Inputs.isAccountId(value)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " must match [A-Za-z0-9_-]{1,64}");
        }
    }
}
