package dev.ledger.api;

import dev.ledger.config.LedgerConfig;
import dev.ledger.contract.ProblemType;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document scanned from the annotations with what they cannot say: every error answer is
 * application/problem+json ({@link ProblemMappers}), with Retry-After where {@link Problems} sends it; the shared
 * schemas built from code ({@link ApiSchemas}); and the bounds that come from configuration. Runs at start-up, once
 * the configuration is known.
 */
@Singleton
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ApiDocumentFilter implements OASFilter {

    @Inject
    LedgerConfig config;

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (!responses.hasAPIResponse(APIResponses.DEFAULT)) {
            responses.addAPIResponse(APIResponses.DEFAULT, OASFactory.createAPIResponse()
                    .description("Any other refusal or failure, e.g. 429 rate-limited, 413 payload-too-large"));
        }
        responses.getAPIResponses().forEach(ApiDocumentFilter::describeAsProblem);
        boundByConfiguration(operation);
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ApiSchemas.addTo(openAPI.getComponents());
    }

    private void boundByConfiguration(Operation operation) {
        if (TransferResource.CREATE.equals(operation.getOperationId())) {
            schemaOf(operation, TransferResource.IDEMPOTENCY_KEY)
                    .ifPresent(key -> key.maxLength(config.idempotency().keyMaxLength()));
        } else if (AccountResource.LIST_ENTRIES.equals(operation.getOperationId())) {
            schemaOf(operation, AccountResource.LIMIT).ifPresent(limit -> limit
                    .maximum(BigDecimal.valueOf(config.entries().maxPageSize()))
                    .defaultValue(config.entries().defaultPageSize()));
        }
    }

    /** Empty once the annotations lose the parameter: OpenApiDocumentTest fails, but the service still starts. */
    private static Optional<Schema> schemaOf(Operation operation, String parameter) {
        return Optional.ofNullable(operation.getParameters()).orElse(List.of()).stream()
                .filter(p -> p.getName().equals(parameter)).map(Parameter::getSchema).filter(Objects::nonNull)
                .findFirst();
    }

    /**
     * An answer whose status some problem type has, or the default answer, is a Problem (annotations may add its
     * examples), with Retry-After if a type of that status asks for it.
     */
    private static void describeAsProblem(String status, APIResponse response) {
        List<ProblemType> types = Arrays.stream(ProblemType.values())
                .filter(type -> status.equals(APIResponses.DEFAULT) || status.equals(String.valueOf(type.status())))
                .toList();
        if (types.isEmpty()) {
            return;
        }
        if (response.getContent() == null) {
            response.setContent(OASFactory.createContent());
        }
        Content content = response.getContent();
        if (!content.hasMediaType(Problems.MEDIA_TYPE)) {
            content.addMediaType(Problems.MEDIA_TYPE, OASFactory.createMediaType());
        }
        MediaType problem = content.getMediaType(Problems.MEDIA_TYPE);
        if (problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(ApiSchemas.PROBLEM));
        }
        String retried = types.stream().filter(Problems::asksToRetryAfter).map(ProblemType::uri)
                .collect(Collectors.joining(", "));
        if (!retried.isEmpty()) {
            response.addHeader(Problems.RETRY_AFTER, OASFactory.createHeader()
                    .description("Seconds to wait before retrying; sent with " + retried)
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")));
        }
    }
}
