package io.leadhandoff.routing;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoutingApiTest {

    static final String DEFAULT_RULES = "{\"minScore\":0,\"defaultQueueId\":\"inbound\",\"rules\":[]}";

    @AfterEach
    void restoreDefaultRules() {
        putRules(DEFAULT_RULES).then().statusCode(200);
    }

    static Response putRules(String json) {
        return given().contentType(ContentType.JSON).body(json).when().put("/api/v1/routing/rules");
    }

    static String queue(String mode, Map<String, Object> extra) {
        String id = TestData.unique("q").toLowerCase();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "name", "Queue " + id, "assignmentMode", mode));
        body.putAll(extra);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/queues").then().statusCode(201)
                .header("Location", "/api/v1/queues/" + id);
        return id;
    }

    static void member(String queueId, String repId, Map<String, Object> body) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/queues/" + queueId + "/members/" + repId).then().statusCode(200);
    }

    static Response ingest(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead).post("/api/v1/leads");
    }

    @Test
    void managesQueuesAndMembers() {
        String q = queue("round-robin", Map.of("slaMinutes", 30, "leaseSeconds", 600));
        given().get("/api/v1/queues/" + q).then().statusCode(200)
                .body("assignmentMode", equalTo("round-robin")).body("slaMinutes", equalTo(30)).body("active", equalTo(true));
        member(q, "rep-1", Map.of("weight", 2, "maxOpen", 10));
        given().get("/api/v1/queues/" + q + "/members").then().statusCode(200)
                .body("items.repId", equalTo(List.of("rep-1"))).body("items[0].weight", equalTo(2)).body("items[0].openLeads", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("name", "Renamed", "assignmentMode", "load-balanced"))
                .put("/api/v1/queues/" + q).then().statusCode(200).body("name", equalTo("Renamed"));
        given().delete("/api/v1/queues/" + q + "/members/rep-1").then().statusCode(204);
        given().delete("/api/v1/queues/" + q).then().statusCode(204);
        given().get("/api/v1/queues/" + q).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesBadQueues() {
        given().contentType(ContentType.JSON).body(Map.of("id", "Bad Id!", "name", "x", "assignmentMode", "lottery", "leaseSeconds", 1))
                .post("/api/v1/queues").then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.hasItems("/id", "/assignmentMode", "/leaseSeconds"));
        given().contentType(ContentType.JSON).body(Map.of("id", "inbound", "name", "again")).post("/api/v1/queues").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "overflowQueueId", "nope")).put("/api/v1/queues/inbound")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/overflowQueueId"));
        given().delete("/api/v1/queues/inbound").then().statusCode(409);
    }

    @Test
    void routesByTheFirstMatchingRuleAndExplainsWhy() {
        String emea = queue("pull", Map.of());
        String enterprise = queue("pull", Map.of());
        putRules("""
                {"minScore": 0, "defaultQueueId": "inbound", "rules": [
                  {"name": "EMEA", "queueId": "%s", "when": {"field": "country", "op": "in", "value": ["DE", "FR", "GB"]}},
                  {"name": "Enterprise", "queueId": "%s", "when": {"field": "employeeCount", "op": "gte", "value": 1000}}]}"""
                .formatted(emea, enterprise)).then().statusCode(200).body("version", notNullValue());

        ingest(Map.of("email", TestData.uniqueEmail(), "country", "US", "employeeCount", 5000)).then().statusCode(201)
                .body("lead.status", equalTo("queued"))
                .body("lead.queueId", equalTo(enterprise))
                .body("lead.routing.via", equalTo("rule"))
                .body("lead.routing.rule", equalTo("Enterprise"))
                .body("lead.routing.trace.outcome", equalTo(List.of("passed", "no match", "matched", "waiting for a claim")));
        ingest(Map.of("email", TestData.uniqueEmail(), "country", "Germany")).then().body("lead.queueId", equalTo(emea));
        ingest(Map.of("email", TestData.uniqueEmail(), "country", "BR")).then().body("lead.queueId", equalTo("inbound"))
                .body("lead.routing.via", equalTo("default"));
    }

    @Test
    void disqualifiesLeadsBelowTheMinimumScore() {
        putRules("{\"minScore\": 90, \"defaultQueueId\": \"inbound\", \"rules\": []}").then().statusCode(200);
        String id = ingest(Map.of("email", TestData.uniqueEmail(), "title", "Student")).then().statusCode(201)
                .body("lead.status", equalTo("disqualified"))
                .body("lead.queueId", nullValue())
                .body("lead.routing.outcome", equalTo("disqualified"))
                .extract().path("lead.id");
        given().get("/api/v1/leads/" + id + "/history").then().body("items.type", hasItem("lead.routed"));
    }

    @Test
    void sendsAccountLeadsToTheOwnerFirst() {
        String q = queue("round-robin", Map.of());
        member(q, "owner-rep", Map.of());
        member(q, "other-rep", Map.of());
        String domain = TestData.unique("acct").toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "owner-rep", "queueId", q, "name", "Acme"))
                .put("/api/v1/accounts/" + domain).then().statusCode(200).body("domain", equalTo(domain));
        given().get("/api/v1/accounts/" + domain).then().statusCode(200).body("ownerRepId", equalTo("owner-rep"));
        for (int i = 0; i < 3; i++) {
            ingest(Map.of("email", "person" + i + "@" + domain)).then().statusCode(201)
                    .body("lead.queueId", equalTo(q)).body("lead.ownerRepId", equalTo("owner-rep"))
                    .body("lead.routing.via", equalTo("account"));
        }
        member(q, "owner-rep", Map.of("status", "paused"));
        ingest(Map.of("email", "late@" + domain)).then().statusCode(201)
                .body("lead.routing.trace[1].outcome", equalTo("owner not eligible"))
                .body("lead.queueId", equalTo("inbound"));
        given().delete("/api/v1/accounts/" + domain).then().statusCode(204);
        given().get("/api/v1/accounts/" + domain).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "x")).put("/api/v1/accounts/not a domain").then().statusCode(422);
    }

    @Test
    void assignsRoundRobinByWeight() {
        String q = queue("round-robin", Map.of());
        member(q, "heavy", Map.of("weight", 2));
        member(q, "light", Map.of("weight", 1));
        putRules("{\"defaultQueueId\": \"%s\", \"rules\": []}".formatted(q)).then().statusCode(200);
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            counts.merge(ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201).extract().path("lead.ownerRepId"), 1, Integer::sum);
        }
        org.assertj.core.api.Assertions.assertThat(counts.get("heavy")).isEqualTo(20);
        org.assertj.core.api.Assertions.assertThat(counts.get("light")).isEqualTo(10);
    }

    @Test
    void overflowsWhenNobodyIsEligible() {
        String overflow = queue("pull", Map.of());
        String q = queue("round-robin", Map.of("overflowQueueId", overflow));
        member(q, "away-rep", Map.of("status", "away", "awayUntil", "2999-01-01T00:00:00Z"));
        putRules("{\"defaultQueueId\": \"%s\", \"rules\": []}".formatted(q)).then().statusCode(200);
        ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201)
                .body("lead.queueId", equalTo(overflow)).body("lead.routing.via", equalTo("overflow"))
                .body("lead.routing.trace.step", hasItem("overflow"));
    }

    @Test
    void loadBalancingCountsEachRepsOpenLeads() {
        String q = queue("load-balanced", Map.of());
        member(q, "busy", Map.of());
        putRules("{\"defaultQueueId\": \"%s\", \"rules\": []}".formatted(q)).then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201).body("lead.ownerRepId", equalTo("busy"));
        }
        member(q, "fresh", Map.of());
        // busy holds 2 open leads, fresh none: both of the next go to fresh (counting nobody would alternate)
        for (int i = 0; i < 2; i++) {
            ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201).body("lead.ownerRepId", equalTo("fresh"));
        }
    }

    @Test
    void aRepAtItsOpenLeadLimitIsSkipped() {
        String overflow = queue("pull", Map.of());
        String q = queue("round-robin", Map.of("overflowQueueId", overflow));
        member(q, "capped", Map.of("maxOpen", 1));
        putRules("{\"defaultQueueId\": \"%s\", \"rules\": []}".formatted(q)).then().statusCode(200);
        ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201).body("lead.ownerRepId", equalTo("capped"));
        ingest(Map.of("email", TestData.uniqueEmail())).then().statusCode(201)
                .body("lead.queueId", equalTo(overflow))
                .body("lead.routing.trace.find { it.step == 'overflow' }.candidates[0].reason", containsString("at capacity"));
    }

    @Test
    void everyLeadOfABatchFindsItsAccountOwner() {
        String q = queue("round-robin", Map.of());
        member(q, "owner-rep", Map.of());
        member(q, "other-rep", Map.of());
        String domain = TestData.unique("bacct").toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "owner-rep", "queueId", q))
                .put("/api/v1/accounts/" + domain).then().statusCode(200);
        List<String> ids = given().contentType(ContentType.JSON)
                .body(Map.of("leads", List.of(Map.of("email", "a@" + domain), Map.of("email", TestData.uniqueEmail()),
                        Map.of("email", "b@" + domain))))
                .post("/api/v1/leads/batch").then().statusCode(200).extract().path("results.leadId");
        given().get("/api/v1/leads/" + ids.get(0)).then().body("ownerRepId", equalTo("owner-rep")).body("routing.via", equalTo("account"));
        given().get("/api/v1/leads/" + ids.get(1)).then().body("queueId", equalTo("inbound")).body("ownerRepId", equalTo(null));
        given().get("/api/v1/leads/" + ids.get(2)).then().body("ownerRepId", equalTo("owner-rep")).body("routing.via", equalTo("account"));
    }

    @Test
    void simulatesADraftWithoutStoringOrAssigning() {
        String q = queue("round-robin", Map.of());
        member(q, "sim-rep", Map.of());
        String campaign = TestData.unique("sim");
        given().contentType(ContentType.JSON).body(Map.of(
                        "lead", Map.of("email", TestData.uniqueEmail(), "title", "CTO", "campaign", campaign),
                        "rules", Map.of("defaultQueueId", "inbound", "rules", List.of(Map.of("name", "Execs", "queueId", q,
                                "when", Map.of("field", "score.grade", "op", "in", "value", List.of("A", "B", "C")))))))
                .post("/api/v1/routing/simulate").then().statusCode(200)
                .body("score.total", notNullValue())
                .body("routing.queueId", equalTo(q))
                .body("routing.repId", equalTo("sim-rep"))
                .body("routing.trace[1].subject", equalTo("Execs"))
                .body("routing.trace[2].candidates[0].eligible", equalTo(true));
        given().queryParam("campaign", campaign).get("/api/v1/leads").then().body("items", org.hamcrest.Matchers.empty());
        given().get("/api/v1/queues/" + q + "/members/sim-rep").then().body("assignedToday", equalTo(0));
    }

    @Test
    void refusesInvalidRulesWithPointers() {
        putRules("""
                {"defaultQueueId": "no-such-queue", "rules": [
                  {"name": "bad", "queueId": "nope", "when": {"field": "score.colour", "op": "equals", "value": "red"}}]}""")
                .then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/defaultQueueId", "/rules/0/queueId", "/rules/0/when/field"));
        given().get("/api/v1/routing/rules").then().statusCode(200).body("rules.defaultQueueId", notNullValue());
    }
}
