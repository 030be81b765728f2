package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Account;
import dev.ledger.domain.Entry;
import dev.ledger.domain.Inputs;
import dev.ledger.store.AccountRepository;
import dev.ledger.store.EntryRepository;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountRepository accounts;
    @Inject
    EntryRepository entries;
    @Inject
    LedgerConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(CreateAccountRequest request) {
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
        }
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        if (!Inputs.isAccountId(id)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "id must match [A-Za-z0-9_-]{1,64}");
        }
        if (request.initialBalance() == null || request.initialBalance() < 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "initialBalance is required: an integer >= 0 in minor units");
        }
        if (!accounts.create(id, request.initialBalance(), Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            throw new ProblemException(Problems.builder(ProblemType.ACCOUNT_EXISTS,
                    "account '" + id + "' exists", Map.of("accountId", id)).build());
        }
        var created = new AccountResponse(id, request.initialBalance(), request.initialBalance(), 0);
        return Response.created(URI.create("/accounts/" + id)).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public AccountResponse get(@PathParam("id") String id) {
        return AccountResponse.of(existing(id));
    }

    /** Keyset paging: {@code after} is the last entry id of the previous page ({@code nextAfter}). */
    @GET
    @Path("/{id}/entries")
    public EntryPage entries(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        int pageSize = QueryParams.parse(limit, "limit", config.entries().defaultPageSize(), 1,
                config.entries().maxPageSize());
        long afterId = QueryParams.parse(after, "after", 0, 0, Long.MAX_VALUE);
        existing(id);
        List<Entry> page = entries.page(id, afterId, pageSize);
        Long nextAfter = page.size() == pageSize ? page.get(page.size() - 1).id() : null;
        return new EntryPage(id, page, nextAfter);
    }

    private Account existing(String id) {
        if (!Inputs.isAccountId(id)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "account ids match [A-Za-z0-9_-]{1,64}");
        }
        return accounts.findAccount(id).orElseThrow(() -> new ProblemException(Problems.builder(
                ProblemType.ACCOUNT_NOT_FOUND, "account '" + id + "' does not exist", Map.of("accountId", id))
                .build()));
    }
}
