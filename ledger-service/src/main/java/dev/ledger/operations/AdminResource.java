package dev.ledger.operations;

import dev.ledger.api.ProblemException;
import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.FaultLimits;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Unavailable;
import dev.ledger.mode.Leadership;
import dev.ledger.mode.TransferStrategy;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administration, off unless {@code ledger.admin.token} is set, and then only with that token. The fault hooks
 * (kill or pause the leader, to watch an election) also need {@code ledger.admin.faults-enabled}: they exist
 * for demonstrations on a local cluster. Any node takes the request and passes it on to the leader.
 */
@Path("/admin")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** Marks a request one node passed on to the leader, so that it is never passed on twice. */
    static final String FORWARDED_HEADER = "Ledger-Admin-Forwarded";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    AdminAccess access;
    @Inject
    LedgerConfig config;
    @Inject
    TransferStrategy strategy;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

    /** Whether admin is on (200) or off (404), and whether the fault hooks are; tells nothing else. */
    @GET
    @Operation(summary = "Whether administration and fault injection are enabled (404 when administration is off)")
    public Map<String, Object> status() {
        access.requireEnabled();
        return Map.of("faultInjection", access.faultsEnabled());
    }

    @POST
    @Path("/faults/kill-leader")
    @Operation(summary = "Kill the leader's JVM as SIGKILL would (token and faults-enabled required)")
    public Response killLeader(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(FORWARDED_HEADER) String forwarded) throws IOException, InterruptedException {
        return onLeader("kill", "/faults/kill-leader", authorization, forwarded, FaultHooks::haltSoon);
    }

    @POST
    @Path("/faults/pause-leader")
    @Operation(summary = "Freeze the leader's JVM (SIGSTOP) for some seconds, then resume it (SIGCONT)")
    public Response pauseLeader(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(FORWARDED_HEADER) String forwarded, @QueryParam("seconds") @DefaultValue("5") String seconds)
            throws IOException, InterruptedException {
        int pause = parseSeconds(seconds);
        return onLeader("pause", "/faults/pause-leader?seconds=" + pause, authorization, forwarded,
                () -> FaultHooks.pauseSoon(pause));
    }

    private interface Fault {
        void strike() throws IOException;
    }

    private Response onLeader(String action, String path, String authorization, String forwarded, Fault fault)
            throws IOException, InterruptedException {
        access.requireToken(authorization);
        if (!access.faultsEnabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "fault injection is off: set ledger.admin.faults-enabled=true (./ledger up --faults)");
        }
        Leadership group = strategy.leadership().orElseThrow(() -> new ProblemException(
                ProblemType.NOT_IN_THIS_MODE,
                "only a mode with an elected leader (raft, zookeeper) has a leader to strike"));
        if (group.leads()) {
            fault.strike();
            return Response.accepted(Map.of("node", config.nodeId(), "action", action)).build();
        }
        if (forwarded != null) {
            throw new Unavailable("leadership moved while the request was passed on; retry");
        }
        Leadership.Member leader = group.leader().orElseThrow(() -> new Unavailable("no leader right now; retry"));
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(leader.httpUrl().resolve("/admin" + path))
                    .timeout(FORWARD_TIMEOUT)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .header(FORWARDED_HEADER, "1")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new Unavailable("could not reach the leader " + leader.id() + "; retry");
        }
        return Response.status(answer.statusCode())
                .type(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(MediaType.APPLICATION_JSON))
                .entity(answer.body()).build();
    }

    private static int parseSeconds(String seconds) {
        try {
            int value = Integer.parseInt(seconds);
            if (value >= 1 && value <= FaultLimits.PAUSE_MAX_SECONDS) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST,
                "seconds must be a whole number from 1 to " + FaultLimits.PAUSE_MAX_SECONDS);
    }
}
