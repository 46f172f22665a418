package io.leadhandoff.security;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeySecurityTest {

    @Inject
    EntityManager em;

    @Inject
    TestClock clock;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    private record Operation(String method, String path, List<String> scopes) {
    }

    /** Every operation of the served OpenAPI document, with the scopes it declares. */
    private static List<Operation> operations() {
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<Operation> ops = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.get("security");
            assertThat(security).as("%s %s declares its security", method, path).isNotNull().isNotEmpty();
            List<String> scopes = security.get(0).get(Scope.SCHEME);
            ops.add(new Operation(method.toUpperCase(), path.replaceAll("\\{[^}]+}", "x-" + TestData.unique("p")), scopes));
        }));
        return ops;
    }

    private static Response call(RequestSpecification spec, Operation op) {
        RequestSpecification request = spec.contentType(ContentType.JSON);
        if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            request = request.body("{}");
        }
        return request.request(op.method(), op.path());
    }

    @Test
    void everyOperationRefusesMissingKeysAndMissingScopesAndAcceptsItsScope() {
        Map<Scope, String> only = new EnumMap<>(Scope.class);
        Map<Scope, String> allBut = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) {
            only.put(s, Api.apiKey(Map.of("scopes", List.of(s.wire()))));
            List<String> others = Arrays.stream(Scope.values()).filter(o -> o != s && o != Scope.ADMIN).map(Scope::wire).toList();
            if (!others.isEmpty()) {
                allBut.put(s, Api.apiKey(Map.of("scopes", others)));
            }
        }
        int checked = 0;
        for (Operation op : operations()) {
            if (op.scopes() == null) {
                assertThat(op.path()).as("only source endpoints go without a key").startsWith("/api/v1/sources/").endsWith("/events");
                continue;
            }
            assertThat(op.path()).startsWith("/api/v1/");
            call(RestAssured.given(), op).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo("urn:lead-handoff:problem:unauthorized"));
            call(Api.as("lh_aaaaaaaaaa_" + "b".repeat(32)), op).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"));
            Scope needed = Scope.fromWire(op.scopes().get(0)).orElseThrow();
            if (allBut.containsKey(needed)) {
                call(Api.as(allBut.get(needed)), op).then()
                        .statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("urn:lead-handoff:problem:forbidden"));
            }
            int withScope = call(Api.as(only.get(needed)), op).statusCode();
            assertThat(withScope).as("%s %s with %s", op.method(), op.path(), needed).isNotIn(401, 403).isLessThan(500);
            int withAdmin = call(Api.as(only.get(Scope.ADMIN)), op).statusCode();
            assertThat(withAdmin).as("%s %s with admin", op.method(), op.path()).isNotIn(401, 403).isLessThan(500);
            checked++;
        }
        assertThat(checked).as("operations checked").isGreaterThan(40);
    }

    @Test
    void operationsEndpointsStayOpen() {
        Api.management().get("/q/health/live").then().statusCode(200);
        Api.management().get("/q/health/ready").then().statusCode(200);
        Api.management().get("/q/openapi").then().statusCode(200);
        Api.management().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void refusesOtherSchemesAndMalformedKeys() {
        RestAssured.given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/leads").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"lead-handoff\""));
        RestAssured.given().header("Authorization", "Bearer ").get("/api/v1/leads").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer " + "x".repeat(5000)).get("/api/v1/leads").then().statusCode(401);
        RestAssured.given().header("Authorization", "bearer " + Api.ADMIN_KEY).get("/api/v1/leads").then().statusCode(200);
    }

    @Test
    void keyIsShownOnceAndStoredOnlyAsItsHash() {
        Response created = given().contentType(ContentType.JSON)
                .body(Map.of("name", "dialer", "scopes", List.of("work", "feedback:write"), "queues", List.of("inbound")))
                .post("/api/v1/api-keys").then().statusCode(201)
                .header("Location", startsWith("/api/v1/api-keys/"))
                .body("key", startsWith("lh_"))
                .body("apiKey.scopes", equalTo(List.of("work", "feedback:write")))
                .body("apiKey.queues", equalTo(List.of("inbound")))
                .extract().response();
        String key = created.path("key");
        String id = created.path("apiKey.id");
        assertThat(key).startsWith((String) created.path("apiKey.prefix") + "_");
        given().get("/api/v1/api-keys/" + id).then().statusCode(200).body("key", equalTo(null)).body(not(containsString(key)));
        given().get("/api/v1/api-keys?limit=200").then().statusCode(200).body(not(containsString(key.substring(14))));
        String stored = (String) em.createNativeQuery("select secret_hash from api_key where id = :id").setParameter("id", id).getSingleResult();
        assertThat(stored).isEqualTo(Secrets.sha256Hex(key)).doesNotContain(key.substring(14));
    }

    @Test
    void revokedKeyIsRefusedOnTheNextRequest() {
        String key = Api.apiKey(Map.of("scopes", List.of("leads:read")));
        Api.as(key).get("/api/v1/leads").then().statusCode(200);
        String id = given().get("/api/v1/api-keys?limit=200").jsonPath().getList("items", Map.class).stream()
                .filter(k -> key.startsWith((String) k.get("prefix") + "_")).map(k -> (String) k.get("id")).findFirst().orElseThrow();
        given().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        Api.as(key).get("/api/v1/leads").then().statusCode(401).body("detail", containsString("revoked"));
        given().get("/api/v1/api-keys/" + id).then().body("revokedAt", notNullValue());
        given().delete("/api/v1/api-keys/" + id).then().statusCode(204);
    }

    @Test
    void aKeyRevokedByAnotherReplicaIsRefusedOnceTheCheckedKeyExpires() {
        String key = Api.apiKey(Map.of("scopes", List.of("leads:read")));
        Api.as(key).get("/api/v1/leads").then().statusCode(200);
        // another replica revokes it: only the row changes, this replica's cache does not hear of it
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update api_key set revoked_at = :at where prefix = :p")
                .setParameter("at", clock.instant()).setParameter("p", key.substring(3, 13)).executeUpdate());
        Api.as(key).get("/api/v1/leads").then().statusCode(200);
        clock.advance(java.time.Duration.ofSeconds(1));
        Api.as(key).get("/api/v1/leads").then().statusCode(401).body("detail", containsString("revoked"));
    }

    @Test
    void refusesInvalidKeyRequestsWithPointers() {
        given().contentType(ContentType.JSON).body(Map.of("name", "", "scopes", List.of("superuser"), "ratePerSecond", 0))
                .post("/api/v1/api-keys").then().statusCode(422)
                .body("errors.pointer", hasItem("/name"))
                .body("errors.pointer", hasItem("/scopes/0"))
                .body("errors.pointer", hasItem("/ratePerSecond"));
    }

    @Test
    void queueLimitedKeyCannotSeeClaimOrJudgeLeadsOfOtherQueues() {
        String rep = TestData.unique("rep");
        String mine = Api.routedQueue("pull", Map.of(), rep);
        String other = Api.routedQueue("pull", Map.of(), rep);
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String key = Api.apiKey(Map.of("scopes", List.of("leads:read", "work", "feedback:write", "events:read"), "queues", List.of(mine)));

        Api.as(key).get("/api/v1/leads/" + lead).then().statusCode(404);
        Api.as(key).get("/api/v1/leads/" + lead + "/history").then().statusCode(404);
        Api.as(key).contentType(ContentType.JSON).body(Map.of("repId", rep, "count", 5)).post("/api/v1/queues/" + other + "/claims")
                .then().statusCode(404);
        Api.as(key).contentType(ContentType.JSON).body(Map.of("outcome", "ACCEPTED", "repId", rep))
                .post("/api/v1/leads/" + lead + "/feedback").then().statusCode(404);
        Api.as(key).get("/api/v1/queues/" + other).then().statusCode(404);
        Api.as(key).get("/api/v1/leads?queue=" + other).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        List<String> queues = Api.as(key).get("/api/v1/queues?limit=200").jsonPath().getList("items.id");
        assertThat(queues).containsExactly(mine);
        List<String> feedLeads = allFeedLeadIds(key);
        assertThat(feedLeads).doesNotContain(lead);

        // the unlimited key sees it, and the limited one sees leads of its own queue
        given().get("/api/v1/leads/" + lead).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"defaultQueueId\":\"" + mine + "\",\"rules\":[]}").put("/api/v1/routing/rules").then().statusCode(200);
        String own = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.as(key).get("/api/v1/leads/" + own).then().statusCode(200);
        Api.as(key).contentType(ContentType.JSON).body(Map.of("repId", rep, "count", 5)).post("/api/v1/queues/" + mine + "/claims")
                .then().statusCode(200).body("claimed.lead.id", hasItem(own));
        assertThat(allFeedLeadIds(key)).contains(own).doesNotContain(lead);
    }

    private static List<String> allFeedLeadIds(String key) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        while (true) {
            RequestSpecification r = Api.as(key).queryParam("limit", 1000);
            if (cursor != null) {
                r = r.queryParam("after", cursor);
            }
            JsonPath page = r.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.leadId"));
            cursor = page.getString("nextCursor");
            if (!page.getBoolean("more")) {
                return ids;
            }
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndRateLimitHeaders() {
        String key = Api.apiKey(Map.of("scopes", List.of("leads:read"), "ratePerSecond", 1, "burst", 2));
        Api.as(key).get("/api/v1/leads?limit=1").then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"default\";q=2;w=2"))
                .header("RateLimit", startsWith("\"default\";r=1;"));
        Api.as(key).get("/api/v1/leads?limit=1").then().statusCode(200).header("RateLimit", startsWith("\"default\";r=0;"));
        Api.as(key).get("/api/v1/leads?limit=1").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:rate-limited"))
                .header("Retry-After", equalTo("1"))
                .header("RateLimit-Policy", notNullValue())
                .header("RateLimit", startsWith("\"default\";r=0;"));
        // another key is not affected
        given().get("/api/v1/leads?limit=1").then().statusCode(200);
    }

    @Test
    void auditLogRecordsKeyChangesWithoutTheKey() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", "audited", "scopes", List.of("reports:read")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
        String id = created.path("apiKey.id");
        given().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        Response audit = given().queryParam("target", "api-key:" + id).get("/api/v1/audit").then().statusCode(200).extract().response();
        List<String> actions = audit.jsonPath().getList("items.action");
        assertThat(actions).containsExactly("api-key.revoked", "api-key.created");
        assertThat(audit.jsonPath().getString("items[0].actor")).isEqualTo("bootstrap admin key");
        assertThat(audit.jsonPath().getString("items[1].detail.after.name")).isEqualTo("audited");
        assertThat(audit.asString()).doesNotContain(((String) created.path("key")).substring(14));
    }

    @Test
    void auditLogRecordsQueueChangesWithBeforeAndAfter() {
        String q = TestData.unique("aq").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", q, "name", "First")).post("/api/v1/queues").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "Second")).put("/api/v1/queues/" + q).then().statusCode(200);
        JsonPath audit = given().queryParam("target", "queue:" + q).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.action")).containsExactly("queue.updated", "queue.created");
        assertThat(audit.getString("items[0].detail.before.name")).isEqualTo("First");
        assertThat(audit.getString("items[0].detail.after.name")).isEqualTo("Second");
        assertThat(audit.getList("items.actor").stream().map(Object::toString).collect(Collectors.toSet())).containsExactly("bootstrap admin key");
    }
}
