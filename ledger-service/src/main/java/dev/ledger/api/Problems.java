package dev.ledger.api;

import dev.ledger.contract.ProblemType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses; the one place that knows their shape. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a client should wait before retrying a 503, a 429 or an in-flight 409. */
    static final int RETRY_AFTER_SECONDS = 1;
    static final String RETRY_AFTER = "Retry-After";

    private Problems() {
    }

    public static Response response(ProblemType type, String detail) {
        return builder(type, detail, Map.of()).build();
    }

    /** A problem with extension members (e.g. the account or transfer it is about), to add headers to. */
    public static Response.ResponseBuilder builder(ProblemType type, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        Response.ResponseBuilder builder = Response.status(type.status()).type(MEDIA_TYPE).entity(body);
        if (asksToRetryAfter(type)) {
            builder.header(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return builder;
    }

    /** Whether an answer of this type carries {@value #RETRY_AFTER}: it is worth retrying the same request. */
    static boolean asksToRetryAfter(ProblemType type) {
        return type.status() == 503 || type.status() == 429 || type == ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT;
    }
}
