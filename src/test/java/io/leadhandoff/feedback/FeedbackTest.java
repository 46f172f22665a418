package io.leadhandoff.feedback;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedbackTest {

    @jakarta.inject.Inject
    io.leadhandoff.TestClock clock;

    @AfterEach
    void restoreRules() {
        Api.restoreDefaultRules();
    }

    @Test
    void aVerdictUnderAnExpiredLeaseIsRefusedOnceSomeoneElseHasTheLead() {
        String slow = TestData.unique("slow");
        String quick = TestData.unique("quick");
        String q = Api.routedQueue("pull", Map.of(), slow, quick);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String stale = Api.claim(q, slow, 1, 30).then().extract().path("claimed[0].leaseToken");
        clock.advance(java.time.Duration.ofSeconds(31));
        String current = Api.claim(q, quick, 1, 300).then().statusCode(200).extract().path("claimed[0].leaseToken");
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", quick, "leaseToken", current)).then().statusCode(200);
        Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "NOT_A_FIT", "repId", slow, "leaseToken", stale)).then().statusCode(409)
                .body("type", equalTo("urn:lead-handoff:problem:lease-lost")).body("currentState", equalTo("accepted"));
        given().get("/api/v1/leads/" + id).then().body("status", equalTo("accepted"));
    }

    @Test
    void walksTheWholeLifecycleOfAClaimedLead() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String token = Api.claim(q, rep, 1, 300).then().extract().path("claimed[0].leaseToken");

        Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", rep)).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/leaseToken"));
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", "stale")).then().statusCode(409)
                .body("type", equalTo("urn:lead-handoff:problem:lease-lost"));
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", token)).then().statusCode(200)
                .body("status", equalTo("accepted")).body("lease", nullValue());
        Api.feedback(id, Map.of("outcome", "CONVERTED", "repId", rep, "amount", 30000)).then().statusCode(200).body("status", equalTo("converted"));
        Api.feedback(id, Map.of("outcome", "WON", "repId", rep, "amount", 42000.5)).then().statusCode(200).body("status", equalTo("won"));
        Api.feedback(id, Map.of("outcome", "LOST", "reason", "COMPETITOR")).then().statusCode(409)
                .body("type", equalTo("urn:lead-handoff:problem:invalid-transition"))
                .body("currentState", equalTo("won"));
        given().get("/api/v1/leads/" + id + "/history").then()
                .body("items.findAll { it.type == 'lead.feedback' }.detail.outcome", equalTo(List.of("ACCEPTED", "CONVERTED", "WON")));
    }

    @Test
    void requiresAKnownReasonForRejectRecycleAndLost() {
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.feedback(id, Map.of("outcome", "REJECTED")).then().statusCode(422).body("errors[0].pointer", equalTo("/reason"));
        Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "DONT_LIKE_THEM")).then().statusCode(422).body("errors[0].pointer", equalTo("/reason"));
        Api.feedback(id, Map.of("outcome", "MAYBE")).then().statusCode(422).body("errors[0].pointer", equalTo("/outcome"));
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "amount", 5)).then().statusCode(422).body("errors[0].pointer", equalTo("/amount"));
        Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "NO_BUDGET", "note", "frozen")).then().statusCode(200)
                .body("status", equalTo("rejected"));
    }

    @Test
    void refusesTransitionsThatSkipSteps() {
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.feedback(id, Map.of("outcome", "WON")).then().statusCode(409).body("currentState", equalTo("queued"));
        Api.feedback("01ZZZZZZZZZZZZZZZZZZZZZZZZ", Map.of("outcome", "ACCEPTED")).then().statusCode(404);
    }

    @Test
    void aRecycledLeadStartsANewLeadOnTheNextPost() {
        String email = TestData.uniqueEmail();
        String id = Api.ingest(Map.of("email", email));
        Api.feedback(id, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200).body("status", equalTo("recycled"));
        String next = Api.ingest(Map.of("email", email));
        assertThat(next).isNotEqualTo(id);
    }

    @Test
    void exactlyOneOfTwoRacingVerdictsWins() throws Exception {
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            calls.add(() -> Api.feedback(id, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")));
            calls.add(() -> Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "SPAM")));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        List<String> outcomes = given().get("/api/v1/leads/" + id + "/history").path("items.findAll { it.type == 'lead.feedback' }.detail.outcome");
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void concurrentVerdictsAreEachAppliedOnceAndARefusedOneFailsAlone() throws Exception {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(Api.ingest(Map.of("email", TestData.uniqueEmail())));
        }
        List<Map<String, Object>> claimed = Api.claim(q, rep, 12, 300).then().statusCode(200).extract().path("claimed");
        assertThat(claimed).hasSize(12);
        ExecutorService pool = Executors.newFixedThreadPool(13);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (Map<String, Object> c : claimed) {
                @SuppressWarnings("unchecked")
                String id = (String) ((Map<String, Object>) c.get("lead")).get("id");
                calls.add(() -> Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", c.get("leaseToken"))));
            }
            @SuppressWarnings("unchecked")
            String victim = (String) ((Map<String, Object>) claimed.get(0).get("lead")).get("id");
            calls.add(() -> Api.feedback(victim, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", "not-the-token")));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses.subList(0, 12)).containsOnly(200);
            assertThat(statuses.get(12)).isEqualTo(409);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            given().get("/api/v1/leads/" + id).then().body("status", equalTo("accepted"));
            List<String> outcomes = given().get("/api/v1/leads/" + id + "/history").path("items.findAll { it.type == 'lead.feedback' }.detail.outcome");
            assertThat(outcomes).containsExactly("ACCEPTED");
        }
    }

    @Test
    void isIdempotentWithAKey() {
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String key = TestData.unique("fb");
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("outcome", "ACCEPTED"))
                .post("/api/v1/leads/" + id + "/feedback").then().statusCode(200);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("outcome", "ACCEPTED"))
                .post("/api/v1/leads/" + id + "/feedback").then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    @Test
    void teamsCanAddReasonCodes() {
        String code = ("R_" + TestData.unique("x").replace("-", "_")).toUpperCase();
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "Wrong region", "training", "negative"))
                .post("/api/v1/feedback/reasons").then().statusCode(201).body("builtIn", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("code", code, "label", "again", "training", "negative"))
                .post("/api/v1/feedback/reasons").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("code", "lower", "label", "x", "training", "maybe"))
                .post("/api/v1/feedback/reasons").then().statusCode(422);
        given().queryParam("limit", 200).get("/api/v1/feedback/reasons").then().statusCode(200)
                .body("items.code", hasItem("NO_BUDGET")).body("items.code", hasItem(code));
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.feedback(id, Map.of("outcome", "REJECTED", "reason", code)).then().statusCode(200);
    }
}
