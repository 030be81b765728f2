package dev.ledger.api;

import dev.ledger.contract.ProblemType;
import dev.ledger.domain.Inputs;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The schemas of the OpenAPI document that are built from the code's own rules rather than from annotations, so that
 * the document cannot disagree with what the service checks and sends: the problem types come from
 * {@link ProblemType}, the account id from {@link Inputs}. Annotations refer to them by these names.
 */
final class ApiSchemas {

    static final String PROBLEM = "Problem";
    static final String ACCOUNT_ID = "AccountId";

    private ApiSchemas() {
    }

    static void addTo(Components components) {
        components.addSchema(PROBLEM, problem());
        components.addSchema(ACCOUNT_ID, accountId());
    }

    /** The members {@link Problems} writes: the RFC 9457 ones, and the extensions that say what a problem is about. */
    private static Schema problem() {
        List<Object> types = Arrays.stream(ProblemType.values()).map(ProblemType::uri).map(Object.class::cast).toList();
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details. Clients switch on type; title and detail are for people and"
                        + " may change.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string("The kind of problem: stable").enumeration(types))
                .addProperty("title", string("A summary of the type"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status of this answer"))
                .addProperty("detail", string("What went wrong this time"))
                .addProperty("instance", string("The recorded transfer a rejection is about").format("uri-reference"))
                .addProperty("accountId", ref(ACCOUNT_ID).description("The account an account problem is about"))
                .addProperty("transfer", ref(TransferResponse.class.getSimpleName())
                        .description("The rejected transfer, as recorded"));
    }

    /** Anchored: an OpenAPI (ECMA-262) pattern matches anywhere in the value, Java's {@code matches()} the whole. */
    private static Schema accountId() {
        return string("An account id").minLength(1).maxLength(Inputs.ACCOUNT_ID_MAX_LENGTH)
                .pattern("^" + Inputs.ACCOUNT_ID_REGEX + "$").examples(List.of("alice"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }

    private static Schema ref(String schemaName) {
        return OASFactory.createSchema().ref(schemaName);
    }
}
