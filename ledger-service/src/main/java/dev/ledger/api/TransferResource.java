package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.LeaderRouting;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Inputs;
import dev.ledger.domain.TransferCommand;
import dev.ledger.mode.Stages;
import dev.ledger.mode.TransferService;
import dev.ledger.store.LedgerRecords;
import io.smallrye.common.annotation.NonBlocking;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Error answers are documented as problem+json by {@link ApiDocumentFilter}. */
@Path("/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transfers")
public class TransferResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The operation id of {@code POST /transfers}, whose key length {@link ApiDocumentFilter} bounds from config. */
    static final String CREATE = "createTransfer";
    /** {@code GET /transfers} is a look at the latest activity (the dashboard's list), not an export: no paging. */
    static final int RECENT_DEFAULT = 20;
    static final int RECENT_MAX = 100;
    /** Where a follower sends a client that asked not to be forwarded: the same request at the leader. */
    private static final String REDIRECTED_PATH = "/transfers?" + LeaderRouting.REDIRECT_PARAM;

    @Inject
    TransferService service;
    @Inject
    LedgerRecords records;
    @Inject
    LedgerConfig config;

    /**
     * Moves money. Checks in order: the body (400), the Idempotency-Key (400), then the strategy decides: replay or
     * refusal for a known key, unknown account (404), insufficient funds (422, recorded), committed (201); or, in the
     * workflow mode across shards, pending (202) until its workflow decides.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = CREATE, summary = "Move money between two accounts",
            description = "Every mode requires an Idempotency-Key: in each, an answer can leave the outcome open."
                    + " A retry with the same key and body replays the first answer (Idempotent-Replayed: true).")
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = true,
            description = "A unique string per transfer (visible ASCII characters), reused only for its retries",
            schema = @Schema(type = SchemaType.STRING, minLength = 1,
                    pattern = "^" + Inputs.IDEMPOTENCY_KEY_REGEX + "$"),
            example = "order-1042")
    @APIResponse(responseCode = "201", description = "COMMITTED",
            headers = {@Header(name = HttpHeaders.LOCATION, description = "The transfer",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = TransferResponses.REPLAYED, description = "true: the stored answer to a retry",
                            schema = @Schema(type = SchemaType.STRING, enumeration = "true"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferResponse.class),
                    examples = @ExampleObject(name = "committed", value = ApiExamples.TRANSFER_COMMITTED)))
    @APIResponse(responseCode = "202", description = "PENDING (the workflow mode, a transfer across its shards): its"
            + " workflow will take it, exactly once, to COMMITTED, REJECTED (the debit refused) or COMPENSATED (the"
            + " credit refused for good, the debit undone); GET the Location, or send the same request again, to learn"
            + " which",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The transfer",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferResponse.class)))
    @Parameter(name = LeaderRouting.REDIRECT_PARAM, in = ParameterIn.QUERY, allowEmptyValue = true,
            description = "A flag, with or without a value (a mode with a leader): a follower answers 307 to the"
                    + " leader instead of forwarding the transfer; nothing is done",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "307", description = "with ?redirect, on a follower of a mode with a leader: send the"
            + " same request to the Location (the leader's); nothing was done",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The leader's POST /transfers?redirect",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "400", description = "invalid-request, malformed-json, same-account,"
            + " idempotency-key-missing or idempotency-key-invalid; nothing was done",
            content = @Content(mediaType = Problems.MEDIA_TYPE,
                    examples = @ExampleObject(name = "no key", value = ApiExamples.IDEMPOTENCY_KEY_MISSING)))
    @APIResponse(responseCode = "404", description = "account-not-found (member accountId); nothing was recorded,"
            + " except in the workflow mode across shards: REJECTED or COMPENSATED and recorded (member transfer)")
    @APIResponse(responseCode = "409", description = "write-conflict: retry with the same key;"
            + " idempotency-key-in-flight: the first request with this key is still running")
    @APIResponse(responseCode = "422", description = "insufficient-funds or balance-overflow: REJECTED (or, in the"
            + " workflow mode, COMPENSATED) and recorded (member transfer), replayed to retries;"
            + " idempotency-key-reused: the key came with another body",
            headers = @Header(name = TransferResponses.REPLAYED, description = "true: the stored answer to a retry",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
            content = @Content(mediaType = Problems.MEDIA_TYPE,
                    examples = @ExampleObject(name = "insufficient funds", value = ApiExamples.INSUFFICIENT_FUNDS)))
    @APIResponse(responseCode = "503", description = "unavailable: nothing was done;"
            + " outcome-unknown: it may have taken effect, retry with the same key to learn which")
    @NonBlocking
    public CompletionStage<Response> create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "transfer", value = ApiExamples.TRANSFER_REQUEST)))
            TransferRequest request,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        TransferCommand command = validate(request, idempotencyKey(headers));
        // A flag: "?redirect" alone binds no value to the parameter, so the query itself is asked.
        if (QueryParams.present(uri.getRequestUri().getRawQuery(), LeaderRouting.REDIRECT_PARAM)) {
            Optional<URI> leader = service.redirectTo();
            if (leader.isPresent()) {
                return CompletableFuture.completedFuture(
                        Response.temporaryRedirect(leader.get().resolve(REDIRECTED_PATH)).build());
            }
        }
        URI baseUri = uri.getBaseUri();
        return Stages.map(service.transfer(command), result -> TransferResponses.of(result, baseUri));
    }

    /** The most recent transfers, newest first, committed and rejected alike. */
    @GET
    @Operation(operationId = "listRecentTransfers", summary = "The most recent transfers, newest first")
    @APIResponseSchema(value = RecentTransfers.class, responseCode = "200",
            responseDescription = "Committed and rejected alike")
    @APIResponse(responseCode = "400", description = "invalid-request: limit out of range")
    public RecentTransfers recent(@QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
            format = "int32", minimum = "1", maximum = "" + RECENT_MAX, defaultValue = "" + RECENT_DEFAULT))
            String limit) {
        int count = QueryParams.parse(limit, "limit", RECENT_DEFAULT, 1, RECENT_MAX);
        return new RecentTransfers(records.recentTransfers(count).stream().map(TransferResponse::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTransfer", summary = "A transfer, committed or rejected")
    @APIResponseSchema(value = TransferResponse.class, responseCode = "200", responseDescription = "The transfer")
    @APIResponse(responseCode = "400", description = "invalid-request: the id is not a UUID")
    @APIResponse(responseCode = "404", description = "transfer-not-found")
    public TransferResponse get(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "transfer ids are UUIDs");
        }
        return records.transfer(uuid).map(TransferResponse::of).orElseThrow(
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
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " must match " + Inputs.ACCOUNT_ID_REGEX);
        }
    }
}
