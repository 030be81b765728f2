package dev.ledger.api;

import dev.ledger.contract.ProblemType;
import jakarta.ws.rs.core.Response;

/** Thrown by the REST layer for a request it refuses; mapped to application/problem+json by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Response response;

    public ProblemException(ProblemType type, String detail) {
        this(Problems.response(type, detail));
    }

    public ProblemException(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }
}
