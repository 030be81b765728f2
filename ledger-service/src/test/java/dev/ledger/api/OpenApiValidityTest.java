package dev.ledger.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The served document is valid OpenAPI as a client generator reads it (swagger-parser, as openapi-generator). */
@QuarkusTest
class OpenApiValidityTest {

    @Test
    void theDocumentParsesWithoutMessages() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        // resolving every $ref reports one that points nowhere
        options.setResolve(true);
        options.setValidateInternalRefs(true);

        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);

        assertEquals(List.of(), result.getMessages());
        assertNotNull(result.getOpenAPI());
    }
}
