package io.leadhandoff.ops;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of bad input against every write operation of the OpenAPI document: truncated
 * and malformed JSON, wrong types, huge numbers, deep nesting, 1 MiB strings, invalid UTF-8, wrong
 * content types, abusive headers. Every answer must be a 4xx problem+json, and the business tables
 * must be exactly as before.
 */
@QuarkusTest
class BadInputSweepTest {

    private static final List<String> TABLES = List.of("lead", "lead_event", "lead_feedback", "sales_queue", "queue_member", "account",
            "routing_ruleset", "scoring_model", "reason_code", "campaign_spend", "api_key", "source", "source_event", "audit_log",
            "idempotency_record");
    private static final String[] VALUES = {"null", "true", "-1", "0", "1.5", "1e400", "-99999999999999999999999999",
            "\"\"", "\"x\"", "[]", "{}", "[[[[[]]]]]", "\"\\u0000\"", "\"2026-13-45T99:99:99Z\"", "\"" + "é".repeat(300) + "\""};

    @Inject
    EntityManager em;

    private record Operation(String method, String path, List<String> fields) {
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> writeOperations() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<Operation> ops = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (!List.of("post", "put").contains(method) || path.endsWith("/events") && path.startsWith("/api/v1/sources/")) {
                return;
            }
            List<String> fields = new ArrayList<>();
            Object body = op.get("requestBody");
            if (body instanceof Map<?, ?> rb && rb.get("content") instanceof Map<?, ?> content
                    && content.get("application/json") instanceof Map<?, ?> json && json.get("schema") instanceof Map<?, ?> schema
                    && schema.get("$ref") instanceof String ref) {
                Map<String, Object> target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                if (target != null && target.get("properties") instanceof Map<?, ?> props) {
                    props.keySet().forEach(k -> fields.add((String) k));
                }
            }
            ops.add(new Operation(method.toUpperCase(), path.replaceAll("\\{[^}]+}", "sweep-" + TestData.unique("p").toLowerCase()), fields));
        }));
        return ops;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue());
        }
        return counts;
    }

    /** Bodies that no operation accepts: each one is broken in a way the service must name. */
    private static List<byte[]> corpus(Operation op, Random random) {
        List<String> texts = new ArrayList<>(List.of("", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "nul", "tru",
                "{\"email\":\"a@b.example\",}", "{\"email\":\"a@b.example\"}}", "\"just a string\"", "12345678901234567890",
                "{\"__proto__\": {\"admin\": true}}", "[" .repeat(20_000), "{\"x\":" + "{\"x\":".repeat(3_000) + "1" + "}".repeat(3_001)));
        for (String field : op.fields()) {
            for (int i = 0; i < 3; i++) {
                texts.add("{\"" + field + "\":" + VALUES[random.nextInt(VALUES.length)] + ",\"unknownField-" + i + "\":1}");
            }
        }
        texts.add("{\"" + (op.fields().isEmpty() ? "x" : op.fields().get(0)) + "\":\"" + "x".repeat(1024 * 1024) + "\"}");
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        bodies.add(noise);
        return bodies;
    }

    private static void expectProblem(Response r, String what) {
        assertThat(r.statusCode()).as(what).isBetween(400, 499);
        assertThat(r.contentType()).as(what + " content type").startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("type")).as(what + " problem type").startsWith("urn:lead-handoff:problem:");
    }

    @Test
    void everyWriteOperationAnswersBadInputWithA4xxProblemAndStoresNothing() {
        Random random = new Random(20261128);
        Map<String, Long> before = counts();
        int tried = 0;
        for (Operation op : writeOperations()) {
            for (byte[] body : corpus(op, random)) {
                Response r = given().contentType("application/json").body(body).request(op.method(), op.path());
                expectProblem(r, op.method() + " " + op.path() + " with " + new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8));
                tried++;
            }
            for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
                RequestSpecification request = given().config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                                .encoderConfig().encodeContentTypeAs(type.split(";")[0], io.restassured.http.ContentType.TEXT)))
                        .contentType(type).body("{\"email\":\"a@b.example\"}");
                expectProblem(request.request(op.method(), op.path()), op.method() + " " + op.path() + " as " + type);
                tried++;
            }
            for (Map.Entry<String, String> header : Map.of(
                    "Idempotency-Key", "k".repeat(300),
                    "X-Request-Id", "\u00e9\u00e9 not safe",
                    "Accept", "application/xml").entrySet()) {
                Response r = given().contentType("application/json").header(header.getKey(), header.getValue()).body("{")
                        .request(op.method(), op.path());
                assertThat(r.statusCode()).as(op.path() + " with " + header.getKey()).isBetween(400, 499);
                tried++;
            }
            Response unauthenticated = RestAssured.given().header("Authorization", "Bearer \u0007\u0008" + "x".repeat(500))
                    .contentType("application/json").body("{}").request(op.method(), op.path());
            expectProblem(unauthenticated, op.path() + " with a junk key");
            tried++;
        }
        assertThat(tried).isGreaterThan(1000);
        assertThat(counts()).as("business tables after %d rejected requests", tried).isEqualTo(before);
        System.out.printf("bad-input sweep: %d requests, all 4xx problem+json, nothing stored%n", tried);
    }

    @Test
    void oversizedHeadersAreRefusedWithoutA5xx() {
        Response r = Api.given().header("X-Filler", "x".repeat(70_000)).get("/api/v1/leads");
        assertThat(r.statusCode()).isBetween(400, 499);
    }
}
