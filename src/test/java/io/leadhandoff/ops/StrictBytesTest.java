package io.leadhandoff.ops;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 32, item 4: overlong UTF-8, encoded or escaped lone surrogates and a key given twice in one object are a 400
 * malformed-json problem on every operation that takes JSON, the tools' webhooks included; nothing is stored.
 */
@QuarkusTest
class StrictBytesTest {

    private static final String MALFORMED = "urn:lead-handoff:problem:malformed-json";

    /** Bodies that Jackson alone would accept, each with what is wrong with it. */
    static Map<String, byte[]> hostile(String email) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("overlong / (C0 AF)", bytes("{\"email\":\"" + email + "\",\"company\":\"a", 0xC0, 0xAF, "b\"}"));
        bodies.put("overlong / (E0 80 AF)", bytes("{\"email\":\"" + email + "\",\"company\":\"a", 0xE0, 0x80, 0xAF, "b\"}"));
        bodies.put("overlong NUL (C0 80)", bytes("{\"email\":\"" + email + "\",\"company\":\"a", 0xC0, 0x80, "b\"}"));
        bodies.put("encoded surrogate (ED A0 80)", bytes("{\"email\":\"" + email + "\",\"company\":\"a", 0xED, 0xA0, 0x80, "b\"}"));
        bodies.put("lone high surrogate escape", bytes("{\"email\":\"" + email + "\",\"company\":\"a\\ud800b\"}"));
        bodies.put("lone low surrogate escape", bytes("{\"email\":\"" + email + "\",\"company\":\"\\udc00\"}"));
        bodies.put("high surrogate at the end", bytes("{\"email\":\"" + email + "\",\"company\":\"\\ud800\"}"));
        bodies.put("duplicate key", bytes("{\"email\":\"" + email + "\",\"email\":\"b-" + email + "\"}"));
        bodies.put("duplicate nested key", bytes("{\"email\":\"" + email + "\",\"utm\":{\"source\":\"a\",\"source\":\"b\"}}"));
        return bodies;
    }

    @Test
    void everyJsonOperationRefusesEachHostileBodyAsMalformedJson() {
        List<String[]> operations = jsonWrites();
        for (String[] op : operations) {
            hostile(TestData.uniqueEmail()).forEach((what, body) -> {
                Response answer = raw().body(body).request(op[0], op[1]);
                assertThat(answer.statusCode()).as("%s %s with %s: %s", op[0], op[1], what, answer.asString()).isEqualTo(400);
                assertThat(answer.jsonPath().getString("type")).as("%s %s with %s", op[0], op[1], what).isEqualTo(MALFORMED);
            });
        }
    }

    @Test
    void aLeadIsNeverStoredFromAHostileBody() {
        String email = TestData.uniqueEmail();
        hostile(email).forEach((what, body) -> raw().body(body).post("/api/v1/leads").then().statusCode(400));
        given().queryParam("email", email).get("/api/v1/leads").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void aPairedSurrogateEscapeAndFourByteCharactersAreKeptExactly() {
        String email = TestData.uniqueEmail();
        String company = "Caf\u00e9 \ud83d\ude00 Ltd";
        String id = raw().body(bytes("{\"email\":\"" + email + "\",\"company\":\"Caf\\u00e9 \\ud83d\\ude00 Ltd\"}"))
                .post("/api/v1/leads").then().statusCode(201).extract().path("lead.id");
        given().get("/api/v1/leads/" + id).then().statusCode(200).body("company", equalTo(company));
    }

    @Test
    void sourceWebhooksRefuseEachHostileBodyAsMalformedJsonOnceTheSecretHolds() {
        String source = TestData.unique("strict").toLowerCase();
        String secret = "strict-shared-secret-0123456789";
        given().contentType(ContentType.JSON).body(Map.of("id", source, "kind", "generic", "name", "strict bytes", "secrets", List.of(secret),
                "mapping", Map.of("email", "/email"))).post("/api/v1/sources").then().statusCode(201);
        hostile(TestData.uniqueEmail()).forEach((what, body) -> {
            Response answer = raw().header("X-Lead-Handoff-Secret", secret).body(body).post("/api/v1/sources/" + source + "/events");
            assertThat(answer.statusCode()).as("%s: %s", what, answer.asString()).isEqualTo(400);
            assertThat(answer.jsonPath().getString("type")).as(what).isEqualTo(MALFORMED);
        });
    }

    private static RequestSpecification raw() {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false))).contentType("application/json");
    }

    /** Every operation of the document that takes a JSON body, its path ids filled in. */
    @SuppressWarnings("unchecked")
    private static List<String[]> jsonWrites() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String[]> ops = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (op.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                    && content.containsKey("application/json") && !path.startsWith("/api/v1/sources/{sourceId}/events")) {
                ops.add(new String[] {method.toUpperCase(), path.replaceAll("\\{[^}]+}", "strict-" + TestData.unique("p").toLowerCase())});
            }
        }));
        assertThat(ops).hasSizeGreaterThan(15);
        return ops;
    }

    /** Text and raw bytes, in order. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
