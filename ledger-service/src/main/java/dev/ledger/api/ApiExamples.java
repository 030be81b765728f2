package dev.ledger.api;

/** Example bodies for the OpenAPI document; {@code OpenApiDocumentTest} checks the problems against ProblemType. */
final class ApiExamples {

    static final String CREATE_ACCOUNT = """
            {"id": "alice", "initialBalance": 10000}""";

    static final String ACCOUNT = """
            {"id": "alice", "balance": 10000, "openingBalance": 10000, "version": 0}""";

    static final String TRANSFER_REQUEST = """
            {"from": "alice", "to": "bob", "amount": 2500}""";

    static final String TRANSFER_COMMITTED = """
            {"id": "3f2c9a1e-7b4d-4c55-9e0a-2d8f6b1c4e70", "from": "alice", "to": "bob", "amount": 2500,
             "status": "COMMITTED", "mode": "pessimistic", "idempotencyKey": "order-1042",
             "createdAt": "2026-01-15T09:30:00.123456Z"}""";

    static final String INSUFFICIENT_FUNDS = """
            {"type": "/problems/insufficient-funds", "title": "Insufficient funds", "status": 422,
             "detail": "transfer 5d1e0c7a-94b2-4f3e-8a61-0c7f2e9b3d18 was rejected and recorded",
             "instance": "/transfers/5d1e0c7a-94b2-4f3e-8a61-0c7f2e9b3d18",
             "transfer": {"id": "5d1e0c7a-94b2-4f3e-8a61-0c7f2e9b3d18", "from": "alice", "to": "bob",
              "amount": 999999, "status": "REJECTED", "reason": "INSUFFICIENT_FUNDS", "mode": "pessimistic",
              "idempotencyKey": "order-1043", "createdAt": "2026-01-15T09:31:00.654321Z"}}""";

    static final String IDEMPOTENCY_KEY_MISSING = """
            {"type": "/problems/idempotency-key-missing", "title": "A transfer requires an Idempotency-Key header",
             "status": 400,
             "detail": "send an Idempotency-Key header (a unique string per transfer, reused only for its retries)"}""";

    private ApiExamples() {
    }
}
