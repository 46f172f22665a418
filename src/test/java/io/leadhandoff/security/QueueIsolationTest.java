package io.leadhandoff.security;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 1, as a matrix: every key shape against every path that can touch a lead of another
 * queue, and every way a key could create a stronger one.
 */
@QuarkusTest
class QueueIsolationTest {

    /** Sales-side operations whose answer adds up or names every queue: refused to a queue-limited key. */
    private static final List<String> ACROSS_QUEUES = List.of("/api/v1/reports/funnel", "/api/v1/reports/score-calibration",
            "/api/v1/routing/simulate", "/api/v1/scoring/challenger");
    private static final List<String> LIMITABLE = List.of("work", "feedback:write", "leads:read", "reports:read", "events:read");

    @Inject
    EntityManager em;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    @Test
    void aQueueLimitIsRefusedWithLeadsWriteOrAdminAndAcceptedWithEverySalesSideScope() {
        String queue = queue();
        for (Scope scope : Scope.values()) {
            Response answer = given().contentType(ContentType.JSON)
                    .body(Map.of("name", TestData.unique("k"), "scopes", List.of("leads:read", scope.wire()), "queues", List.of(queue)))
                    .post("/api/v1/api-keys");
            if (LIMITABLE.contains(scope.wire())) {
                answer.then().statusCode(201);
            } else {
                answer.then().statusCode(422).contentType("application/problem+json")
                        .body("errors.pointer", hasItem("/scopes/1"))
                        .body("errors.message[0]", containsString("cannot go with queues"));
            }
        }
    }

    @Test
    void aLegacyQueueLimitedWriterIsRefusedOnEveryIntakePathAndChangesNothing() {
        String other = Api.routedQueue("pull", Map.of());
        String email = TestData.uniqueEmail();
        String externalId = TestData.unique("ext");
        String lead = Api.ingest(Map.of("email", email, "firstName", "Bea", "source", "crm", "externalId", externalId));
        Api.restoreDefaultRules();
        for (List<String> scopes : List.of(List.of("leads:write"), List.of("admin"), List.of("leads:write", "leads:read"))) {
            String key = legacyQueueLimitedKey(scopes, List.of(queue()));
            List<Response> answers = List.of(
                    Api.as(key).contentType(ContentType.JSON).body(Map.of("email", email, "firstName", "Mallory")).post("/api/v1/leads"),
                    Api.as(key).contentType(ContentType.JSON)
                            .body(Map.of("email", TestData.uniqueEmail(), "source", "crm", "externalId", externalId)).post("/api/v1/leads"),
                    Api.as(key).contentType(ContentType.JSON).body(List.of(Map.of("email", email))).post("/api/v1/leads/batch"),
                    Api.as(key).delete("/api/v1/leads/" + lead));
            for (Response answer : answers) {
                answer.then().statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("urn:lead-handoff:problem:forbidden"))
                        .body("detail", containsString("limited to queues"))
                        .body(org.hamcrest.Matchers.not(containsString("Bea")))
                        .body(org.hamcrest.Matchers.not(containsString(other)));
            }
            Api.as(key).contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/privacy/erasures").then().statusCode(403);
        }
        given().get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("email", equalTo(email)).body("firstName", equalTo("Bea")).body("queueId", equalTo(other)).body("touches", equalTo(1));
    }

    @Test
    void aLegacyQueueLimitedAdminKeyKeepsOnlyItsSalesSideScopesOnEveryOperation() {
        String key = legacyQueueLimitedKey(List.of("admin"), List.of(queue()));
        JsonPath doc = Api.management().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        int checked = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.getValue().get("security");
                if (security == null || security.get(0).get(Scope.SCHEME) == null) {
                    continue;
                }
                List<String> scopes = security.get(0).get(Scope.SCHEME);
                String url = path.getKey().replaceAll("\\{[^}]+}", "x-" + TestData.unique("p"));
                var request = Api.as(key).contentType(ContentType.JSON);
                if (!List.of("get", "delete").contains(op.getKey())) {
                    request = request.body("{}");
                }
                int status = request.request(op.getKey().toUpperCase(), url).statusCode();
                if (ACROSS_QUEUES.contains(path.getKey())) {
                    assertThat(status).as("%s %s spans every queue", op.getKey(), url).isEqualTo(403);
                } else if (scopes.stream().anyMatch(LIMITABLE::contains)) {
                    assertThat(status).as("%s %s", op.getKey(), url).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as("%s %s", op.getKey(), url).isEqualTo(403);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void aQueueLimitedKeyCannotSimulateRoutingAcrossQueues() {
        String key = Api.apiKey(Map.of("scopes", List.of("leads:read"), "queues", List.of(queue())));
        Api.as(key).contentType(ContentType.JSON).body(Map.of("lead", Map.of("email", TestData.uniqueEmail())))
                .post("/api/v1/routing/simulate").then().statusCode(403).body("detail", containsString("limited to queues"));
        Api.as(key).contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail()))
                .post("/api/v1/scoring/preview").then().statusCode(200);
    }

    @Test
    void aKeyNeverGetsMoreThanTheKeyCreatingIt() {
        String creator = Api.apiKey(Map.of("scopes", List.of("admin"), "ratePerSecond", 10, "burst", 20));
        createAs(creator, Map.of("scopes", List.of("work"), "ratePerSecond", 11)).then().statusCode(422)
                .body("errors.pointer", hasItem("/ratePerSecond"));
        createAs(creator, Map.of("scopes", List.of("work"), "ratePerSecond", 10, "burst", 21)).then().statusCode(422)
                .body("errors.pointer", hasItem("/burst"));
        createAs(creator, Map.of("scopes", List.of("work"))).then().statusCode(201)
                .body("apiKey.ratePerSecond", equalTo(10)).body("apiKey.burst", equalTo(20));
        createAs(creator, Map.of("scopes", List.of("work"), "ratePerSecond", 3)).then().statusCode(201)
                .body("apiKey.ratePerSecond", equalTo(3)).body("apiKey.burst", equalTo(6));
        createAs(creator, Map.of("scopes", List.of("work"), "ratePerSecond", 10)).then().statusCode(201)
                .body("apiKey.burst", equalTo(20));

        String limitedAdmin = legacyQueueLimitedKey(List.of("admin"), List.of(queue()));
        createAs(limitedAdmin, Map.of("scopes", List.of("admin"))).then().statusCode(403);
        createAs(limitedAdmin, Map.of("scopes", List.of("work"), "queues", List.of(queue()))).then().statusCode(403);
    }

    @Test
    void aRateWithoutBurstGetsTwiceTheRateAsBurst() {
        for (int rate : new int[] {1, 7, 50_000, 100_000}) {
            given().contentType(ContentType.JSON).body(Map.of("name", "r", "scopes", List.of("work"), "ratePerSecond", rate))
                    .post("/api/v1/api-keys").then().statusCode(201)
                    .body("apiKey.burst", equalTo(Math.min(100_000, 2 * rate)));
        }
    }

    @Test
    void reportsForAQueueLimitedKeyHoldOnlyItsQueuesOrAreRefused() {
        String rep = TestData.unique("rep");
        String mine = Api.routedQueue("pull", Map.of(), rep);
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String theirs = Api.routedQueue("pull", Map.of(), rep);
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.claim(theirs, rep, 1, null).then().statusCode(200);
        String key = Api.apiKey(Map.of("scopes", List.of("reports:read"), "queues", List.of(mine)));

        List<String> groups = Api.as(key).get("/api/v1/reports/lead-quality?groupBy=queue").then().statusCode(200)
                .extract().jsonPath().getList("rows.group");
        assertThat(groups).containsExactly(mine);
        JsonPath sla = Api.as(key).get("/api/v1/reports/sla").then().statusCode(200).extract().jsonPath();
        assertThat(sla.getList("queues.queueId", String.class)).allMatch(mine::equals);
        assertThat(sla.getList("reps.queueId", String.class)).allMatch(mine::equals);
        assertThat(given().get("/api/v1/reports/sla").jsonPath().getList("queues.queueId", String.class)).contains(theirs);
        for (String report : List.of("lead-quality?groupBy=source", "lead-quality?groupBy=campaign", "lead-quality?groupBy=rep",
                "lead-quality?groupBy=scoreBand", "funnel", "score-calibration")) {
            Api.as(key).get("/api/v1/reports/" + report).then().statusCode(403)
                    .body("type", equalTo("urn:lead-handoff:problem:forbidden"));
            Api.as(key).accept("text/csv").get("/api/v1/reports/" + report).then().statusCode(403);
        }
        String csv = Api.as(key).accept("text/csv").get("/api/v1/reports/lead-quality?groupBy=queue").then().statusCode(200).extract().asString();
        assertThat(csv).contains(mine).doesNotContain(theirs);
    }

    private static Response createAs(String key, Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", TestData.unique("k")));
        body.putAll(settings);
        return Api.as(key).contentType(ContentType.JSON).body(body).post("/api/v1/api-keys");
    }

    private static String queue() {
        String id = TestData.unique("iq").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", id)).post("/api/v1/queues").then().statusCode(201);
        return id;
    }

    /** A key of a shape the API no longer creates (made before the rule existed): written to its row directly. */
    private String legacyQueueLimitedKey(List<String> scopes, List<String> queues) {
        String key = Api.apiKey(Map.of("scopes", scopes));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update api_key set queues = :q where prefix = :p")
                .setParameter("q", String.join(",", queues)).setParameter("p", key.substring(3, 13)).executeUpdate());
        return key;
    }
}
