package dev.ledger.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.InvalidRequest;
import dev.ledger.domain.OutcomeUnknown;
import dev.ledger.domain.Unavailable;
import dev.ledger.store.DatabaseFailures;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into application/problem+json. Details name the offending field, never a Java class or a
 * stack trace; unexpected failures are logged here and answered with a bare 500.
 */
public class ProblemMappers {

    /** The stream Quarkus writes an answer through; an IOException it raises means the connection is gone. */
    private static final String RESPONSE_STREAM = "io.quarkus.vertx.utils.VertxOutputStream";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException problem) {
        return problem.response();
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable unavailable) {
        return Problems.response(ProblemType.UNAVAILABLE, unavailable.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequest invalid) {
        return Problems.response(ProblemType.INVALID_REQUEST, invalid.getMessage());
    }

    @ServerExceptionMapper
    public Response outcomeUnknown(OutcomeUnknown unknown) {
        return Problems.response(ProblemType.OUTCOME_UNKNOWN, unknown.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException failure) {
        return Problems.response(ProblemType.MALFORMED_JSON, describe(failure));
    }

    /** Declared separately: Quarkus REST has a built-in mapper for this subtype that answers an empty 400. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException failure) {
        return malformedJson(failure);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure) {
        if (failure.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps what it could not parse
            return malformedJson(json);
        }
        ProblemType type;
        if (failure instanceof NotFoundException) {
            type = ProblemType.NOT_FOUND;
        } else if (failure instanceof NotAllowedException) {
            type = ProblemType.METHOD_NOT_ALLOWED;
        } else if (failure instanceof NotSupportedException) {
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
        } else if (failure instanceof NotAcceptableException) {
            type = ProblemType.NOT_ACCEPTABLE;
        } else if (failure.getResponse().getStatus() == 413) {
            type = ProblemType.PAYLOAD_TOO_LARGE;
        } else if (failure.getResponse().getStatus() < 500) {
            type = ProblemType.INVALID_REQUEST;
        } else {
            return unexpected(failure);
        }
        return Problems.response(type, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure) {
        if (isBodyCutOff(failure)) {
            // The client hung up (gave up waiting) while its body was read: nothing was done, no one hears this.
            LOG.debugf(failure, "request body cut off");
            return Problems.response(ProblemType.INVALID_REQUEST, "the connection closed before the body arrived");
        }
        var transientFailure = DatabaseFailures.asClientFailure(failure);
        if (transientFailure.isPresent()) {
            LOG.debugf(failure, "transient database failure");
            return transientFailure.get() instanceof OutcomeUnknown unknown ? outcomeUnknown(unknown)
                    : unavailable((Unavailable) transientFailure.get());
        }
        LOG.error("unexpected failure", failure);
        return Problems.response(ProblemType.INTERNAL, null);
    }

    /**
     * The body could not be read, or the answer not written, because the client went away: the connection closed
     * (Vert.x reports it as HttpClosedException, or passes on Netty's ClosedChannelException; both seen in
     * RaftFaultsIT, from clients that gave up waiting), the client cancelled its HTTP/2 stream (StreamResetException:
     * a follower's forward that stopped waiting on a leader cut off by a partition, delivered when the partition
     * healed), or the answer's writer found the connection closed (Quarkus's VertxOutputStream throws a plain
     * IOException: a follower killed while the leader answered its forward, seen in RaftFaultsIT).
     */
    private static boolean isBodyCutOff(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException
                    || t instanceof StreamResetException || isAnswerToAClosedConnection(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAnswerToAClosedConnection(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return failure.getClass() == IOException.class && stack.length > 0
                && stack[0].getClassName().equals(RESPONSE_STREAM);
    }

    private static String describe(JsonProcessingException failure) {
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + field + "' has the wrong type or an out-of-range value";
        }
        if (failure instanceof InputCoercionException) {
            return "a number is out of range";
        }
        if (failure instanceof JsonParseException && failure.getLocation() != null) {
            return "malformed JSON at line " + failure.getLocation().getLineNr()
                    + ", column " + failure.getLocation().getColumnNr();
        }
        return "the body must be a JSON object of the documented shape";
    }
}
