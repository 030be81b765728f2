package dev.ledger.api;

import static dev.ledger.support.Api.createAccount;
import static dev.ledger.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Inputs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document says what the code does: the statuses, schemas, bounds and problem types. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String PROBLEM_REF = "#/components/schemas/" + ApiSchemas.PROBLEM;

    @Inject
    LedgerConfig config;

    static JsonNode document() {
        try {
            return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        } catch (IOException e) {
            throw new IllegalStateException("/q/openapi did not answer JSON", e);
        }
    }

    @Test
    void aTransferRequiresABoundedIdempotencyKeyHeader() {
        JsonNode key = parameter(operation(document(), "/transfers", "post"), TransferResource.IDEMPOTENCY_KEY);

        assertEquals("header", key.path("in").asText());
        assertTrue(key.path("required").asBoolean(), "Idempotency-Key must be required");
        assertEquals(1, key.path("schema").path("minLength").asInt());
        assertEquals(config.idempotency().keyMaxLength(), key.path("schema").path("maxLength").asInt());
        assertEquals("^" + Inputs.IDEMPOTENCY_KEY_REGEX + "$", key.path("schema").path("pattern").asText());
    }

    @Test
    void eachStatusOfATransferHasItsSchema() {
        JsonNode responses = operation(document(), "/transfers", "post").path("responses");

        assertEquals(Set.of("201", "202", "307", "400", "404", "409", "422", "503", "default"), names(responses));
        for (String accepted : List.of("201", "202")) {
            assertEquals("#/components/schemas/TransferResponse", responses.path(accepted).path("content")
                    .path("application/json").path("schema").path("$ref").asText(), accepted);
            assertTrue(responses.path(accepted).path("headers").has("Location"), accepted);
        }
        assertTrue(responses.path("307").path("content").isMissingNode(), "a redirect has no body");
        assertTrue(responses.path("307").path("headers").has("Location"));
        responses.fields().forEachRemaining(status -> {
            if (!Set.of("201", "202", "307").contains(status.getKey())) {
                assertEquals(Set.of(Problems.MEDIA_TYPE), names(status.getValue().path("content")), status.getKey());
                assertEquals(PROBLEM_REF, status.getValue().path("content").path(Problems.MEDIA_TYPE).path("schema")
                        .path("$ref").asText(), status.getKey());
            }
        });
        assertTrue(responses.path("503").path("headers").has(Problems.RETRY_AFTER));
    }

    @Test
    void everyErrorAnswerIsAProblem() {
        List<String> notProblems = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                op.getValue().path("responses").fields().forEachRemaining(status -> {
                    boolean error = status.getKey().equals("default") || status.getKey().compareTo("400") >= 0;
                    JsonNode problem = status.getValue().path("content").path(Problems.MEDIA_TYPE);
                    if (error && !problem.path("schema").path("$ref").asText().equals(PROBLEM_REF)) {
                        notProblems.add(op.getKey() + " " + path.getKey() + " " + status.getKey());
                    }
                })));

        assertEquals(List.of(), notProblems);
    }

    @Test
    void theProblemTypesAreThoseOfProblemType() {
        JsonNode problem = document().path("components").path("schemas").path(ApiSchemas.PROBLEM);

        List<String> documented = new ArrayList<>();
        problem.path("properties").path("type").path("enum").forEach(type -> documented.add(type.asText()));
        assertEquals(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList(), documented);
        assertEquals(Set.of("type", "title", "status"), texts(problem.path("required")));
    }

    /** A rejection carries the most members (instance, transfer); an unknown account carries accountId. */
    @Test
    void theProblemsSentHaveOnlyDocumentedMembers() throws IOException {
        Set<String> documented = names(document().path("components").path("schemas").path(ApiSchemas.PROBLEM)
                .path("properties"));
        String a = createAccount("oa-a", 10);
        String b = createAccount("oa-b", 0);

        for (Response problem : List.of(transfer(a, b, 11), transfer(a, "oa-nobody", 1))) {
            Set<String> sent = names(new ObjectMapper().readTree(problem.asString()));
            assertTrue(documented.containsAll(sent), "undocumented members in " + sent);
        }
    }

    @Test
    void theProblemExamplesAgreeWithProblemType() {
        List<JsonNode> examples = new ArrayList<>();
        document().path("paths").findValues(Problems.MEDIA_TYPE)
                .forEach(problem -> problem.path("examples").forEach(example -> examples.add(example.path("value"))));

        assertFalse(examples.isEmpty());
        for (JsonNode example : examples) {
            ProblemType type = Arrays.stream(ProblemType.values())
                    .filter(t -> t.uri().equals(example.path("type").asText())).findFirst().orElseThrow();
            assertEquals(type.title(), example.path("title").asText());
            assertEquals(type.status(), example.path("status").asInt());
        }
    }

    @Test
    void theBoundsAreThoseTheCodeChecks() {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");

        JsonNode accountId = schemas.path(ApiSchemas.ACCOUNT_ID);
        assertEquals("^" + Inputs.ACCOUNT_ID_REGEX + "$", accountId.path("pattern").asText());
        assertEquals(Inputs.ACCOUNT_ID_MAX_LENGTH, accountId.path("maxLength").asInt());
        String accountIdRef = "#/components/schemas/" + ApiSchemas.ACCOUNT_ID;
        assertEquals(accountIdRef, parameter(operation(document, "/accounts/{id}", "get"), "id").path("schema")
                .path("$ref").asText());

        JsonNode transfer = schemas.path("TransferRequest");
        assertEquals(Set.of("from", "to", "amount"), texts(transfer.path("required")));
        assertEquals(accountIdRef, transfer.path("properties").path("from").path("$ref").asText());
        assertEquals(1, transfer.path("properties").path("amount").path("minimum").asLong());
        assertEquals(0, schemas.path("CreateAccountRequest").path("properties").path("initialBalance")
                .path("minimum").asLong());

        JsonNode recent = parameter(operation(document, "/transfers", "get"), "limit").path("schema");
        assertEquals(Map.of("minimum", 1, "maximum", TransferResource.RECENT_MAX,
                "default", TransferResource.RECENT_DEFAULT), bounds(recent));
        JsonNode entries = operation(document, "/accounts/{id}/entries", "get");
        assertEquals(Map.of("minimum", 1, "maximum", config.entries().maxPageSize(),
                "default", config.entries().defaultPageSize()),
                bounds(parameter(entries, AccountResource.LIMIT).path("schema")));
        assertEquals(0, parameter(entries, "after").path("schema").path("minimum").asLong());
    }

    private static JsonNode operation(JsonNode document, String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), method + " " + path + " is not documented");
        return operation;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError(operation.path("operationId").asText() + " declares no parameter " + name);
    }

    private static Map<String, Integer> bounds(JsonNode schema) {
        return Map.of("minimum", schema.path("minimum").asInt(), "maximum", schema.path("maximum").asInt(),
                "default", schema.path("default").asInt());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }
}
