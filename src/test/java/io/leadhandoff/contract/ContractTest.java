package io.leadhandoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker the suite's every exchange goes through: it names the operation, and each departure by status, header or pointer. */
class ContractTest {

    private static final String DOCUMENT = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /api/v1/leads/{id}:
                get:
                  operationId: getLead
                  parameters:
                  - {name: id, in: path, required: true, schema: {type: string, pattern: "^[0-9A-Z]{26}$"}}
                  - {name: fields, in: query, schema: {type: integer}}
                  responses:
                    "200":
                      description: ok
                      headers:
                        X-Request-Id: {$ref: "#/components/headers/X-Request-Id"}
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Lead"}
                    "404": {$ref: "#/components/responses/Problem404"}
            components:
              headers:
                X-Request-Id: {required: true, schema: {type: string, maxLength: 5}}
              responses:
                Problem404:
                  description: not found
                  content:
                    application/problem+json:
                      schema: {type: object, required: [status], properties: {status: {type: integer}}}
              schemas:
                Lead:
                  type: object
                  required: [id]
                  properties:
                    id: {type: string}
                    source: {type: string}
            """;

    private final Contract contract = new Contract(read(DOCUMENT));

    @Test
    void findsTheOperationAndItsPathValues() {
        Contract.Operation op = contract.operation("GET", "/api/v1/leads/01ABC").orElseThrow();

        assertThat(op).hasToString("getLead (GET /api/v1/leads/{id})");
        assertThat(op.pathValues()).containsEntry("id", "01ABC");
        assertThat(contract.operation("POST", "/api/v1/leads/01ABC")).isEmpty();
    }

    @Test
    void acceptsAnAnswerAsDocumented() {
        assertThat(contract.response(op(), 200, Map.of("x-request-id", List.of("r1")), "application/json", "{\"id\":\"a\"}")).isEmpty();
    }

    @Test
    void namesTheJsonPointerOfANullInANonNullableField() {
        List<String> violations = contract.response(op(), 200, Map.of("x-request-id", List.of("r1")), "application/json",
                "{\"id\":\"a\",\"source\":null}");

        assertThat(violations).singleElement().asString().startsWith("body /source: ").contains("null");
    }

    @Test
    void namesAnUndocumentedStatus() {
        assertThat(contract.response(op(), 409, Map.of(), "application/problem+json", "{}"))
                .containsExactly("status 409 is not documented (documented: 200, 404)");
    }

    @Test
    void followsAReferencedResponseAndChecksItsMediaTypeAndBody() {
        assertThat(contract.response(op(), 404, Map.of(), "application/json", "{}"))
                .containsExactly("body media type application/json is not documented (documented: application/problem+json)");
        assertThat(contract.response(op(), 404, Map.of(), "application/problem+json", "{}"))
                .singleElement().asString().startsWith("body /: ").contains("status");
    }

    @Test
    void namesAMissingRequiredHeaderAnInvalidOneAndAnUndocumentedOne() {
        assertThat(contract.response(op(), 200, Map.of(), "application/json", "{\"id\":\"a\"}"))
                .containsExactly("header X-Request-Id is required but absent");
        assertThat(contract.response(op(), 200, Map.of("x-request-id", List.of("too-long"), "x-debug", List.of("1")),
                "application/json", "{\"id\":\"a\"}"))
                .hasSize(2).anySatisfy(v -> assertThat(v).startsWith("header X-Request-Id /: "))
                .contains("header x-debug is not documented for this status");
    }

    @Test
    void checksRequestParametersAndRefusesUndocumentedQueryParameters() {
        Contract.Operation op = contract.operation("GET", "/api/v1/leads/not-a-ulid").orElseThrow();

        List<String> violations = contract.request(op, Map.of("fields", List.of("x"), "debug", List.of("1")), Map.of(), null, null);

        assertThat(violations).hasSize(3).anySatisfy(v -> assertThat(v).startsWith("path parameter id /: "))
                .anySatisfy(v -> assertThat(v).startsWith("query parameter fields /: "))
                .contains("query parameter debug is not documented");
    }

    private Contract.Operation op() {
        return contract.operation("GET", "/api/v1/leads/01ABC").orElseThrow();
    }

    private static JsonNode read(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
