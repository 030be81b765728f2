package dev.ledger.contract;

/**
 * Every error the API answers, with its stable {@code type} (RFC 9457). Clients may switch on the type; the title
 * and detail are for people and may change.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
    MALFORMED_JSON(400, "malformed-json", "The body is not JSON of the expected shape"),
    SAME_ACCOUNT(400, "same-account", "A transfer needs two different accounts"),
    IDEMPOTENCY_KEY_MISSING(400, "idempotency-key-missing", "A transfer requires an Idempotency-Key header"),
    IDEMPOTENCY_KEY_INVALID(400, "idempotency-key-invalid", "The Idempotency-Key header is invalid"),
    UNAUTHENTICATED(401, "unauthenticated", "Missing or wrong credentials"),
    ACCOUNT_NOT_FOUND(404, "account-not-found", "No such account"),
    TRANSFER_NOT_FOUND(404, "transfer-not-found", "No such transfer"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "This resource answers application/json only"),
    ACCOUNT_EXISTS(409, "account-exists", "An account with this id exists"),
    WRITE_CONFLICT(409, "write-conflict", "Concurrent transfers kept changing the accounts; nothing was done"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "idempotency-key-in-flight",
            "A request with this Idempotency-Key is still being processed"),
    NOT_IN_THIS_MODE(409, "not-in-this-mode", "Not available in this mode"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The body must be application/json"),
    INSUFFICIENT_FUNDS(422, "insufficient-funds", "Insufficient funds"),
    BALANCE_OVERFLOW(422, "balance-overflow", "The credited balance would overflow"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused",
            "This Idempotency-Key was used for a different request"),
    RATE_LIMITED(429, "rate-limited", "Too many requests from this client; retry after a second"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Temporarily unavailable; nothing was done, retry later"),
    OUTCOME_UNKNOWN(503, "outcome-unknown",
            "The transfer may or may not have taken effect; retry with the same Idempotency-Key to learn which");

    /** Relative type URIs: stable, and documented in the README. */
    private static final String TYPE_PREFIX = "/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }
}
