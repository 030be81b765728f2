package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Account;
import dev.ledger.domain.Entry;
import dev.ledger.domain.Inputs;
import dev.ledger.store.LedgerRecords;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

    /** The operation id of the entries page, whose {@link #LIMIT} {@link ApiDocumentFilter} bounds from config. */
    static final String LIST_ENTRIES = "listAccountEntries";
    static final String LIMIT = "limit";

    @Inject
    LedgerRecords records;
    @Inject
    LedgerConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Open an account with its opening balance")
    @APIResponse(responseCode = "201", description = "Opened",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The account",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountResponse.class),
                    examples = @ExampleObject(name = "opened", value = ApiExamples.ACCOUNT)))
    @APIResponse(responseCode = "400", description = "invalid-request or malformed-json")
    @APIResponse(responseCode = "409", description = "account-exists (member accountId)")
    @APIResponse(responseCode = "503", description = "unavailable: nothing was done")
    public Response create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "account", value = ApiExamples.CREATE_ACCOUNT)))
            CreateAccountRequest request) {
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
        }
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        if (!Inputs.isAccountId(id)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "id must match " + Inputs.ACCOUNT_ID_REGEX);
        }
        if (request.initialBalance() == null || request.initialBalance() < 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "initialBalance is required: an integer >= 0 in minor units");
        }
        if (!records.openAccount(id, request.initialBalance(), Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw new ProblemException(Problems.builder(ProblemType.ACCOUNT_EXISTS,
                    "account '" + id + "' exists", Map.of("accountId", id)).build());
        }
        var created = new AccountResponse(id, request.initialBalance(), request.initialBalance(), 0);
        return Response.created(URI.create("/accounts/" + id)).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAccount", summary = "An account's balance")
    @APIResponseSchema(value = AccountResponse.class, responseCode = "200", responseDescription = "The account")
    @APIResponse(responseCode = "400", description = "invalid-request: not an account id")
    @APIResponse(responseCode = "404", description = "account-not-found (member accountId)")
    public AccountResponse get(@PathParam("id") @Parameter(schema = @Schema(ref = ApiSchemas.ACCOUNT_ID)) String id) {
        return AccountResponse.of(existing(id));
    }

    /** Keyset paging: {@code after} is the last entry id of the previous page ({@code nextAfter}). */
    @GET
    @Path("/{id}/entries")
    @Operation(operationId = LIST_ENTRIES, summary = "An account's entries, oldest first, a page at a time")
    @APIResponseSchema(value = EntryPage.class, responseCode = "200", responseDescription = "One page")
    @APIResponse(responseCode = "400", description = "invalid-request: not an account id, or limit or after out of"
            + " range")
    @APIResponse(responseCode = "404", description = "account-not-found (member accountId)")
    public EntryPage entries(@PathParam("id") @Parameter(schema = @Schema(ref = ApiSchemas.ACCOUNT_ID)) String id,
            @QueryParam(LIMIT) @Parameter(description = "Entries per page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1")) String limit,
            @QueryParam("after") @Parameter(description = "nextAfter of the previous page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", defaultValue = "0"))
            String after) {
        int pageSize = QueryParams.parse(limit, LIMIT, config.entries().defaultPageSize(), 1,
                config.entries().maxPageSize());
        long afterId = QueryParams.parse(after, "after", 0, 0, Long.MAX_VALUE);
        existing(id);
        List<Entry> page = records.entries(id, afterId, pageSize);
        Long nextAfter = page.size() == pageSize ? page.get(page.size() - 1).id() : null;
        return new EntryPage(id, page, nextAfter);
    }

    private Account existing(String id) {
        if (!Inputs.isAccountId(id)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "account ids match " + Inputs.ACCOUNT_ID_REGEX);
        }
        return records.account(id).orElseThrow(() -> new ProblemException(Problems.builder(
                ProblemType.ACCOUNT_NOT_FOUND, "account '" + id + "' does not exist", Map.of("accountId", id))
                .build()));
    }
}
