package io.leadhandoff.scoring;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Champion and challenger: the challenger scores every new lead beside the active model, acts on nothing, and is compared on the same leads. */
@QuarkusTest
class ChallengerTest {

    @Inject
    TestClock clock;

    @AfterEach
    void restore() {
        given().delete("/api/v1/scoring/challenger").then().statusCode(org.hamcrest.Matchers.oneOf(204, 404));
        given().post("/api/v1/scoring/models/1/activate").then().statusCode(200);
        Api.restoreDefaultRules();
    }

    /** Version 1's rules with a learned part that knows organic leads are accepted and purchased ones are not. */
    private static int learnedModel() {
        Map<String, Object> document = new LinkedHashMap<>(given().get("/api/v1/scoring/models/1").then().statusCode(200)
                .extract().<Map<String, Object>>path("model"));
        document.put("name", TestData.unique("challenger"));
        document.put("learned", Map.of("method", "logistic-regression-l2", "intercept", 0.0,
                "weights", Map.of("source=organic", 2.0, "source=purchased-list", -2.0)));
        return given().contentType(ContentType.JSON).body(document).post("/api/v1/scoring/models").then().statusCode(201).extract().path("version");
    }

    @Test
    void theChallengerScoresEveryNewLeadBesideTheChampionAndIsComparedOnTheSameLeads() {
        int challenger = learnedModel();
        given().contentType(ContentType.JSON).body(Map.of("version", challenger)).put("/api/v1/scoring/challenger")
                .then().statusCode(200).body("version", equalTo(challenger)).body("challenger", equalTo(true)).body("active", equalTo(false));
        Api.routedQueue("pull", Map.of());
        Instant from = clock.nextSecond();
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean organic = i % 2 == 0;
            String id = given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "source", organic ? "organic" : "purchased-list"))
                    .post("/api/v1/leads").then().statusCode(201)
                    // only the champion acts: the lead carries the rules' score, no learned probability
                    .body("lead.score.modelVersion", equalTo(1))
                    .body("lead.score.acceptanceProbability", nullValue())
                    .extract().path("lead.id");
            (organic ? accepted : rejected).add(id);
        }
        accepted.forEach(id -> Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", "rep-c")).then().statusCode(200));
        rejected.forEach(id -> Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "NOT_A_FIT", "repId", "rep-c")).then().statusCode(200));
        Instant to = clock.instant().plusSeconds(1);

        given().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/api/v1/scoring/challenger").then().statusCode(200)
                .body("championVersion", equalTo(1))
                .body("challengerVersion", equalTo(challenger))
                .body("scoredByBoth", equalTo(20))
                .body("labelled", equalTo(20))
                .body("accepted", equalTo(10))
                .body("challenger.probabilitySource", equalTo("learned"))
                .body("challenger.auc", equalTo(1.0f))
                .body("challenger.topDecileLabelled", equalTo(2))
                .body("challenger.topDecileAcceptanceRate", equalTo(1.0f))
                .body("champion.probabilitySource", equalTo("total/100"))
                .body("champion.auc", equalTo(0.5f));

        // promoted by activation: it is the champion now, and there is no challenger any more
        given().post("/api/v1/scoring/models/" + challenger + "/activate").then().statusCode(200)
                .body("active", equalTo(true)).body("challenger", equalTo(false));
        given().get("/api/v1/scoring/challenger").then().statusCode(200)
                .body("championVersion", equalTo(challenger)).body("challengerVersion", nullValue());
        given().queryParam("target", "scoring-model:" + challenger).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("scoring-model.challenger-set"))
                .body("items.find { it.action == 'scoring-model.activated' }.detail.after.promotedFromChallenger", equalTo(true));
        // the past comparison stays readable after the promotion: the same numbers, against the champion of that time
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("version", challenger)
                .get("/api/v1/scoring/challenger").then().statusCode(200)
                .body("championVersion", equalTo(1))
                .body("challengerVersion", equalTo(challenger))
                .body("scoredByBoth", equalTo(20))
                .body("labelled", equalTo(20))
                .body("challenger.auc", equalTo(1.0f))
                .body("champion.auc", equalTo(0.5f));
        // the old champion's calibration can still be read by version; the new one has not scored these leads
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("version", 1)
                .get("/api/v1/reports/score-calibration").then().statusCode(200)
                .body("modelVersion", equalTo(1)).body("labelled", equalTo(20));
        given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/score-calibration").then().statusCode(200)
                .body("modelVersion", equalTo(challenger)).body("labelled", equalTo(0));
    }

    @Test
    void aNewChallengerScoreDoesNotChangeTheChampionsOrder() {
        int challenger = learnedModel();
        given().contentType(ContentType.JSON).body(Map.of("version", challenger)).put("/api/v1/scoring/challenger").then().statusCode(200);
        String rep = TestData.unique("rep");
        String queue = Api.routedQueue("pull", Map.of(), rep);
        // the challenger would put the organic student first; the champion's rules put the CEO first, and the champion acts
        String student = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "organic", "title", "Student"));
        String ceo = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "purchased-list", "title", "CEO",
                "employeeCount", 5000, "country", "US", "company", "Big"));
        Api.claim(queue, rep, 2, 60).then().statusCode(200).body("claimed[0].lead.id", equalTo(ceo)).body("claimed[1].lead.id", equalTo(student));
    }

    @Test
    void refusesTheActiveModelAnUnknownVersionAndABadBody() {
        given().contentType(ContentType.JSON).body(Map.of("version", 1)).put("/api/v1/scoring/challenger")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("version", 999_999)).put("/api/v1/scoring/challenger")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("version", "two")).put("/api/v1/scoring/challenger")
                .then().statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of()).put("/api/v1/scoring/challenger")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/version"));
        given().queryParam("version", "x").get("/api/v1/scoring/challenger").then().statusCode(422);
        given().queryParam("version", 999_999).get("/api/v1/scoring/challenger").then().statusCode(404);
    }

    @Test
    void calibrationRefusesABadVersionAndAnswersForAnyStoredOne() {
        given().queryParam("version", "x").get("/api/v1/reports/score-calibration").then().statusCode(422)
                .body("errors[0].parameter", equalTo("version"));
        given().queryParam("version", 0).get("/api/v1/reports/score-calibration").then().statusCode(422);
        given().queryParam("version", 999_999).get("/api/v1/reports/score-calibration").then().statusCode(404);
        int other = learnedModel();
        given().queryParam("version", other).get("/api/v1/reports/score-calibration").then().statusCode(200)
                .body("modelVersion", equalTo(other)).body("probabilitySource", equalTo("learned"));
        given().get("/api/v1/scoring/models/" + other).then().statusCode(200).body("evaluation", nullValue())
                .body("challenger", equalTo(false));
        given().get("/api/v1/scoring/models").then().statusCode(200).body("items.size()", greaterThan(0));
    }
}
