package io.leadhandoff.feedback;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkFeedbackTest {

    @AfterEach
    void restoreRules() {
        Api.restoreDefaultRules();
    }

    @Test
    void eachVerdictGetsItsOwnAnswerAndARefusedOneFailsAlone() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        List<String> ids = List.of(ingest(), ingest(), ingest());
        Map<String, String> tokens = claimAll(q, rep, 3);

        List<Map<String, Object>> verdicts = List.of(
                verdict(ids.get(0), "ACCEPTED", rep, tokens.get(ids.get(0))),
                verdict(ids.get(1), "ACCEPTED", rep, "not-the-token"),
                verdict("01JDB7T3V8Q5M4N2P1R0S9T8U7", "ACCEPTED", rep, null),
                Map.of("leadId", ids.get(2), "outcome", "MAYBE"),
                withReason(verdict(ids.get(2), "REJECTED", rep, tokens.get(ids.get(2))), "NO_BUDGET"),
                Map.of("outcome", "ACCEPTED"));

        Api.uncheckedRequest("verdicts 3 and 5 are invalid on purpose: a bulk request answers each verdict, these with a 422")
                .contentType(ContentType.JSON).body(Map.of("verdicts", verdicts)).post("/api/v1/feedback").then().statusCode(200)
                .body("summary.applied", equalTo(2)).body("summary.refused", equalTo(4))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4, 5)))
                .body("results.status", equalTo(List.of(200, 409, 404, 422, 200, 422)))
                .body("results[0].leadStatus", equalTo("accepted")).body("results[0].problem", nullValue())
                .body("results[1].problem.type", equalTo("urn:lead-handoff:problem:lease-lost"))
                .body("results[1].problem.currentState", equalTo("claimed")).body("results[1].leadStatus", nullValue())
                .body("results[2].problem.type", equalTo("urn:lead-handoff:problem:not-found"))
                .body("results[3].problem.errors[0].pointer", equalTo("/verdicts/3/outcome"))
                .body("results[4].leadStatus", equalTo("rejected"))
                .body("results[5].problem.errors[0].pointer", equalTo("/verdicts/5/leadId"));

        assertThat(status(ids.get(0))).isEqualTo("accepted");
        assertThat(status(ids.get(1))).isEqualTo("claimed");
        assertThat(status(ids.get(2))).isEqualTo("rejected");
        given().get("/api/v1/leads/" + ids.get(1) + "/history").then()
                .body("items.findAll { it.type == 'lead.feedback' }", hasSize(0));
        // the refused verdict left its lease as it was: the holder can still judge the lead
        Api.feedback(ids.get(1), Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", tokens.get(ids.get(1))))
                .then().statusCode(200);
    }

    @Test
    void verdictsOnOneLeadApplyInRequestOrder() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String id = ingest();
        String token = claimAll(q, rep, 1).get(id);
        Map<String, Object> converted = new HashMap<>(Map.of("leadId", id, "outcome", "CONVERTED", "repId", rep, "amount", 12000));

        Api.uncheckedRequest("the bare-array body the operation's description allows; its schema shows the object form clients send")
                .contentType(ContentType.JSON).body(List.of(verdict(id, "ACCEPTED", rep, token), converted, verdict(id, "ACCEPTED", rep, null)))
                .post("/api/v1/feedback").then().statusCode(200)
                .body("results.status", equalTo(List.of(200, 200, 409)))
                .body("results.leadStatus", equalTo(Arrays.asList("accepted", "converted", null)))
                .body("results[2].problem.errors", nullValue())
                .body("results[2].problem.currentState", equalTo("converted"));
        given().get("/api/v1/leads/" + id + "/history").then()
                .body("items.findAll { it.type == 'lead.feedback' }.detail.outcome", equalTo(List.of("ACCEPTED", "CONVERTED")));
    }

    @Test
    void aFollowUpCarryingTheEndedLeasesTokenIsRefusedAsItWouldBeAlone() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String id = ingest();
        String token = claimAll(q, rep, 1).get(id);

        given().contentType(ContentType.JSON).body(List.of(verdict(id, "ACCEPTED", rep, token), verdict(id, "CONVERTED", rep, token)))
                .post("/api/v1/feedback").then().statusCode(200)
                .body("results.status", equalTo(List.of(200, 409)))
                .body("results[1].problem.type", equalTo("urn:lead-handoff:problem:lease-lost"));
        assertThat(status(id)).isEqualTo("accepted");
    }

    @Test
    void aRetryWithTheSameKeyReplaysEveryResultAndAppliesNothingTwice() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        List<String> ids = List.of(ingest(), ingest());
        Map<String, String> tokens = claimAll(q, rep, 2);
        Map<String, Object> body = Map.of("verdicts", List.of(verdict(ids.get(0), "ACCEPTED", rep, tokens.get(ids.get(0))),
                verdict(ids.get(1), "ACCEPTED", rep, tokens.get(ids.get(1)))));
        String key = TestData.unique("bulk-key");

        String first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/feedback")
                .then().statusCode(200).body("summary.applied", equalTo(2)).extract().asString();
        Response again = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/feedback");
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(again.asString()).isEqualTo(first);
        for (String id : ids) {
            given().get("/api/v1/leads/" + id + "/history").then()
                    .body("items.findAll { it.type == 'lead.feedback' }", hasSize(1));
        }
    }

    @Test
    void aBodyThatIsNotABoundedListOfVerdictsIsRefusedWhole() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("leadId", "x" + i, "outcome", "ACCEPTED"));
        }
        bulk(Map.of("verdicts", tooMany)).then().statusCode(413).contentType("application/problem+json");
        bulk(Map.of("verdicts", List.of())).then().statusCode(422).body("errors[0].pointer", equalTo("/verdicts"));
        bulk(Map.of("verdicts", "all of them")).then().statusCode(422).body("errors[0].pointer", equalTo("/verdicts"));
        bulk(Map.of("verdicts", List.of(Map.of("leadId", "x", "outcome", "ACCEPTED")), "dryRun", true)).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/dryRun")).body("errors[0].message", equalTo("is not a known field"));
        given().contentType(ContentType.JSON).post("/api/v1/feedback").then().statusCode(400);
    }

    @Test
    void aKeyLimitedToOneQueueCannotJudgeLeadsOfAnother() {
        String rep = TestData.unique("rep");
        String theirs = Api.routedQueue("pull", Map.of(), rep);
        String id = ingest();
        String token = claimAll(theirs, rep, 1).get(id);
        String mine = Api.routedQueue("pull", Map.of(), rep);
        String key = Api.apiKey(Map.of("scopes", List.of("feedback:write"), "queues", List.of(mine)));

        Api.as(key).contentType(ContentType.JSON).body(Map.of("verdicts", List.of(verdict(id, "ACCEPTED", rep, token))))
                .post("/api/v1/feedback").then().statusCode(200)
                .body("results[0].status", equalTo(404)).body("summary.applied", equalTo(0));
        assertThat(status(id)).isEqualTo("claimed");
        String readOnly = Api.apiKey(Map.of("scopes", List.of("leads:read")));
        Api.as(readOnly).contentType(ContentType.JSON).body(Map.of("verdicts", List.of(verdict(id, "ACCEPTED", rep, token))))
                .post("/api/v1/feedback").then().statusCode(403);
    }

    private static Response bulk(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/feedback");
    }

    private static String ingest() {
        return Api.ingest(Map.of("email", TestData.uniqueEmail()));
    }

    private static String status(String id) {
        return given().get("/api/v1/leads/" + id).then().statusCode(200).extract().path("status");
    }

    /** Claims {@code count} leads of the queue; lead id → lease token. */
    private static Map<String, String> claimAll(String queue, String rep, int count) {
        List<Map<String, Object>> claimed = Api.claim(queue, rep, count, 300).then().statusCode(200).extract().path("claimed");
        assertThat(claimed).hasSize(count);
        Map<String, String> tokens = new HashMap<>();
        for (Map<String, Object> c : claimed) {
            @SuppressWarnings("unchecked")
            Map<String, Object> lead = (Map<String, Object>) c.get("lead");
            tokens.put((String) lead.get("id"), (String) c.get("leaseToken"));
        }
        return tokens;
    }

    private static Map<String, Object> verdict(String leadId, String outcome, String rep, String token) {
        Map<String, Object> v = new HashMap<>(Map.of("leadId", leadId, "outcome", outcome, "repId", rep));
        if (token != null) {
            v.put("leaseToken", token);
        }
        return v;
    }

    private static Map<String, Object> withReason(Map<String, Object> verdict, String reason) {
        Map<String, Object> v = new HashMap<>(verdict);
        v.put("reason", reason);
        return v;
    }
}
