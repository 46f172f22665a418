package io.leadhandoff.ops;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14, item 4: what the JSON API refuses before any resource looks at a request, on every operation. */
@QuarkusTest
class StrictInputTest {

    @TestHTTPResource("/")
    URL base;

    private record Operation(String method, String path) {
    }

    /** Every operation of the document that takes a JSON body (the tools' webhooks take their own formats). */
    @SuppressWarnings("unchecked")
    private static List<Operation> jsonWrites() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<Operation> ops = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (op.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                    && content.containsKey("application/json") && !path.startsWith("/api/v1/sources/{sourceId}/events")) {
                ops.add(new Operation(method.toUpperCase(), path.replaceAll("\\{[^}]+}", "strict-" + TestData.unique("p").toLowerCase())));
            }
        }));
        assertThat(ops).hasSizeGreaterThan(15);
        return ops;
    }

    private static io.restassured.specification.RequestSpecification raw(String contentType) {
        io.restassured.specification.RequestSpecification spec = given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        return contentType == null ? spec : spec.contentType(contentType);
    }

    @Test
    void jsonFollowedByAnythingIsA400ProblemOnEveryOperation() {
        for (Operation op : jsonWrites()) {
            for (String body : List.of("{} 5", "{}{}", "[] []", "{\"a\":1} x")) {
                raw("application/json").body(body).request(op.method(), op.path()).then()
                        .statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("urn:lead-handoff:problem:malformed-json"));
            }
        }
    }

    @Test
    void aBodyWithoutContentTypeOrInAnotherCharsetIsA415ProblemOnEveryOperation() {
        for (Operation op : jsonWrites()) {
            Response none = given().body("{}".getBytes(StandardCharsets.UTF_8)).request(op.method(), op.path());
            assertThat(none.statusCode()).as("%s %s without Content-Type", op.method(), op.path()).isEqualTo(415);
            assertThat(none.contentType()).startsWith("application/problem+json");
            for (String type : List.of("application/json; charset=ISO-8859-1", "application/json;charset=utf-16", "text/json")) {
                raw(type).body("{}").request(op.method(), op.path()).then().statusCode(415)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:lead-handoff:problem:unsupported-media-type"));
            }
            for (String type : List.of("application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"")) {
                assertThat(raw(type).body("{}").request(op.method(), op.path()).statusCode())
                        .as("%s %s as %s", op.method(), op.path(), type).isNotIn(415, 500);
            }
        }
    }

    @Test
    void aWrongJsonTypeIsA422NamingTheFieldInsteadOfBeingCoerced() {
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        Map<String, String> wrong = Map.of(
                "/firstName", "{\"firstName\": 12}",
                "/company", "{\"company\": true}",
                "/employeeCount", "{\"employeeCount\": \"12\"}",
                "/annualRevenue", "{\"annualRevenue\": \"1000\"}",
                "/activity/lastActivityAt", "{\"activity\": {\"lastActivityAt\": 1767225600}}",
                "/consent/marketing", "{\"consent\": {\"marketing\": \"true\"}}",
                "/consent/at", "{\"consent\": {\"marketing\": true, \"at\": 1767225600000}}",
                "/utm/term", "{\"utm\": {\"term\": 5}}");
        wrong.forEach((pointer, json) -> {
            String body = json.substring(0, json.length() - 1) + ", \"email\": \"" + lead.get("email") + "\"}";
            given().contentType(ContentType.JSON).body(body).post("/api/v1/leads").then()
                    .statusCode(422).body("errors.pointer", hasItem(pointer));
        });
        given().contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of(7))).post("/api/v1/api-keys")
                .then().statusCode(422).body("errors.pointer", hasItem("/scopes/0"));
        given().contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of("work"), "ratePerSecond", "5"))
                .post("/api/v1/api-keys").then().statusCode(422).body("errors.pointer", hasItem("/ratePerSecond"));
    }

    @Test
    void chunkedBodiesAreHeldToTheSameLimitsAsDeclaredOnes() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> single = client.send(chunked("/api/v1/leads", 2 * 1024 * 1024 + 4096), HttpResponse.BodyHandlers.ofString());
        assertThat(single.statusCode()).isEqualTo(413);
        assertThat(single.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> batch = client.send(chunked("/api/v1/leads/batch", 10 * 1024 * 1024 + 512 * 1024), HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(413);
        HttpResponse<String> small = client.send(chunked("/api/v1/leads", 4096), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(422);
    }

    /** A JSON body of about {@code size} bytes sent without Content-Length: an unknown field holding a long string. */
    private HttpRequest chunked(String path, int size) throws Exception {
        byte[] head = "{\"email\":\"a@b.example\",\"padding\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        int fill = Math.max(0, size - head.length - tail.length);
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                new ByteArrayInputStream("x".repeat(fill).getBytes(StandardCharsets.US_ASCII)), new ByteArrayInputStream(tail))));
        return HttpRequest.newBuilder(new URI(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
    }

    @Test
    void pathIdsAreValidatedLikeBodyIdsAndNothingIsStored() {
        String queue = TestData.unique("sq").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", queue, "name", queue)).post("/api/v1/queues").then().statusCode(201);
        for (String hostile : List.of("rep%0D%0AX-Injected:%201", "rep%00", "rep%22", "rep'", "..%2F..%2Fetc", "rep%20x", "%E2%80%AErep", "r".repeat(129))) {
            given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{}")
                    .put("/api/v1/queues/" + queue + "/members/" + hostile).then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("errors.parameter", hasItem("repId"));
        }
        given().contentType(ContentType.JSON).body(Map.of("repId", "rep\r\nx", "count", 1)).post("/api/v1/queues/" + queue + "/claims")
                .then().statusCode(422).body("errors.pointer", hasItem("/repId"));
        given().get("/api/v1/queues/" + queue + "/members").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/queues/" + queue + "/members/ada.lovelace@example.com").then().statusCode(200);
    }

    @Test
    void everyPathParameterRefusesControlCharactersQuotesAndDotSegments() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        int checked = 0;
        for (var entry : paths.entrySet()) {
            if (!entry.getKey().contains("{") || entry.getKey().startsWith("/api/v1/sources/{sourceId}/events")) {
                continue;
            }
            for (String method : entry.getValue().keySet()) {
                if (!List.of("get", "put", "post", "delete").contains(method)) {
                    continue;
                }
                String url = entry.getKey().replaceAll("\\{[^}]+}", "a%0Ab");
                var request = given().urlEncodingEnabled(false).contentType(ContentType.JSON);
                if (!method.equals("get") && !method.equals("delete")) {
                    request = request.body("{}");
                }
                request.request(method.toUpperCase(), url).then().statusCode(422).contentType("application/problem+json")
                        .body("type", equalTo("urn:lead-handoff:problem:validation"));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
    }

    /** Issue 16, item 4: a query parameter an operation does not take is refused, never silently ignored. */
    @Test
    void everyOperationRefusesAQueryParameterItDoesNotTakeNamingIt() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        int checked = 0;
        for (var entry : paths.entrySet()) {
            if (!entry.getKey().startsWith("/api/") || entry.getKey().startsWith("/api/v1/sources/{sourceId}/events")) {
                continue;
            }
            for (var operation : entry.getValue().entrySet()) {
                String method = operation.getKey();
                if (!List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    continue;
                }
                assertThat(operation.getValue().get("responses")).as("%s %s documents 422", method, entry.getKey())
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("422");
                String url = entry.getKey().replaceAll("\\{[^}]+}", "01JD3Q8W8T3V6Y1M0N2P4R6S8T");
                var request = given().contentType(ContentType.JSON).queryParam("unknownFilter", "x");
                if (!method.equals("get") && !method.equals("delete")) {
                    request = request.body("{}");
                }
                request.request(method.toUpperCase(), url).then().statusCode(422).contentType("application/problem+json")
                        .body("errors.parameter", hasItem("unknownFilter"));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    /** Sends raw HTTP/1.1 (no client would send these) and returns the status line and headers. */
    private String rawExchange(String requestLine, String extraHeaders) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + Api.ADMIN_KEY + "\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Documented, not wished away: Quarkus's and Vert.x's HTTP layer answer these before any handler of ours runs. */
    @Test
    void malformedEscapesOverlongRequestLinesAndHeadersAreRefusedByTheHttpLayer() throws Exception {
        assertThat(rawExchange("GET /api/v1/leads/%zz HTTP/1.1", "")).matches("(?s)HTTP/1\\.1 400 .*").containsIgnoringCase("content-length: 0");
        assertThat(rawExchange("GET /api/v1/leads?x=" + "a".repeat(5000) + " HTTP/1.1", "")).matches("(?s)HTTP/1\\.[01] 414 .*")
                .containsIgnoringCase("content-length: 0");
        assertThat(rawExchange("GET /api/v1/leads HTTP/1.1", "X-Filler: " + "a".repeat(30_000) + "\r\n")).matches("(?s)HTTP/1\\.[01] 431 .*")
                .containsIgnoringCase("content-length: 0");
    }
}
