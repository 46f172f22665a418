package io.leadhandoff.report;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.TestData;
import io.leadhandoff.feedback.FeedbackRequest;
import io.leadhandoff.feedback.FeedbackService;
import io.leadhandoff.feedback.Outcome;
import io.leadhandoff.scoring.Metrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The closed loop end to end: leads with a hidden ground truth come in, sales gives (noisy) feedback,
 * the reports expose the bad source, and training learns a model that ranks held-out leads clearly
 * better than the rules it started from.
 */
@QuarkusTest
class LearningLoopTest {

    private static final int LEADS = 1500;

    @Inject
    FeedbackService feedback;

    @Test
    void feedbackTrainsAModelThatBeatsTheRulesAndReportsExposeTheBadSource() {
        Instant from = nextSecond();
        String tag = TestData.unique("loop");
        List<SyntheticLeads.Lead> leads = SyntheticLeads.generate(LEADS, 42, tag);
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < leads.size(); start += 750) {
            List<Object> batch = leads.subList(start, Math.min(leads.size(), start + 750)).stream().map(l -> (Object) l.body()).toList();
            ids.addAll(given().contentType(ContentType.JSON).body(Map.of("leads", batch)).post("/api/v1/leads/batch")
                    .then().statusCode(200).body("summary.created", equalTo(batch.size())).extract().path("results.leadId"));
        }
        for (int i = 0; i < leads.size(); i++) {
            boolean accepted = leads.get(i).accepted();
            FeedbackRequest verdict = new FeedbackRequest(accepted ? Outcome.ACCEPTED : Outcome.REJECTED,
                    accepted ? null : (i % 2 == 0 ? "NOT_A_FIT" : "NO_NEED"), null, "rep-synthetic", null, null);
            String id = ids.get(i);
            QuarkusTransaction.requiringNew().run(() -> feedback.record(id, verdict, io.leadhandoff.security.Caller.SYSTEM));
        }
        Instant to = nextSecond();

        // the report shows which source sends bad leads
        Response quality = given().queryParam("groupBy", "source").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().response();
        List<Map<String, Object>> rows = quality.<List<Map<String, Object>>>path("rows").stream()
                .filter(r -> SyntheticLeads.SOURCES.containsKey((String) r.get("group"))).toList();
        assertThat(rows).hasSize(SyntheticLeads.SOURCES.size());
        Map<String, Object> worst = rows.stream().min(Comparator.comparingDouble(r -> ((Number) r.get("acceptanceRate")).doubleValue())).orElseThrow();
        assertThat(worst.get("group")).isEqualTo("purchased-list");
        assertThat(((Number) worst.get("rejected")).intValue()).isPositive();
        assertThat((List<?>) worst.get("topRejectionReasons")).isNotEmpty();

        // training learns from the feedback and beats the rule model on the newest leads
        Response trained = given().contentType(ContentType.JSON).body(Map.of("from", from.toString(), "to", to.toString()))
                .post("/api/v1/scoring/models/train").then().statusCode(201)
                .body("candidate.active", equalTo(false))
                .body("candidate.origin", equalTo("trained"))
                .body("candidate.model.learned.weights", notNullValue())
                .extract().response();
        double candidateAuc = ((Number) trained.path("evaluation.candidate.auc")).doubleValue();
        double activeAuc = ((Number) trained.path("evaluation.active.auc")).doubleValue();
        List<double[]> oracle = leads.subList(LEADS - (int) trained.path("evaluation.testedOn"), LEADS).stream()
                .map(l -> new double[] {l.trueProbability(), l.accepted() ? 1 : 0}).toList();
        System.out.printf("learning loop: %d leads, holdout %s, candidate AUC %.3f, active (rules) AUC %.3f, hidden-truth AUC %.3f, "
                        + "log loss %s vs %s, Brier %s vs %s%n",
                LEADS, trained.path("evaluation.testedOn"), candidateAuc, activeAuc, Metrics.auc(oracle),
                trained.path("evaluation.candidate.logLoss"), trained.path("evaluation.active.logLoss"),
                trained.path("evaluation.candidate.brier"), trained.path("evaluation.active.brier"));
        assertThat(candidateAuc).isGreaterThan(0.68);
        assertThat(candidateAuc).isGreaterThan(activeAuc + 0.08);
        assertThat(((Number) trained.path("evaluation.candidate.brier")).doubleValue())
                .isLessThan(((Number) trained.path("evaluation.active.brier")).doubleValue());

        // activated, the candidate gives every new lead an explained acceptance probability
        int version = trained.path("candidate.version");
        try {
            given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "source", "purchased-list", "title", "Student"))
                    .post("/api/v1/leads").then().statusCode(201)
                    .body("lead.score.acceptanceProbability", notNullValue())
                    .body("lead.score.explanation.learned.contributions.feature", org.hamcrest.Matchers.hasItem("source=purchased-list"));
            given().queryParam("from", from.toString()).get("/api/v1/reports/score-calibration").then().statusCode(200)
                    .body("modelVersion", equalTo(version));
        } finally {
            given().post("/api/v1/scoring/models/1/activate").then().statusCode(200);
        }
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/api/v1/reports/score-calibration")
                .then().statusCode(200).body("labelled", equalTo(LEADS)).body("auc", notNullValue()).body("probabilitySource", equalTo("total/100"));
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/api/v1/reports/funnel")
                .then().statusCode(200).body("steps[0].count", equalTo(LEADS))
                .body("steps[1].count", equalTo((int) leads.stream().filter(SyntheticLeads.Lead::accepted).count()));
        given().accept("text/csv").queryParam("groupBy", "source").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/lead-quality").then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("group,received,disqualified")).body(containsString("purchased-list,"));
    }

    /** The service stores whole seconds: windows start on a second that has not begun yet, so they hold only this test's leads. */
    private static Instant nextSecond() {
        Instant next = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        org.awaitility.Awaitility.await().until(() -> !Instant.now().isBefore(next));
        return next;
    }

    @Test
    void refusesToTrainWithoutEnoughFeedbackSayingHowMuchMore() {
        Instant future = Instant.now().plusSeconds(86_400 * 365L);
        given().contentType(ContentType.JSON).body(Map.of("from", future.toString(), "to", future.plusSeconds(60).toString()))
                .post("/api/v1/scoring/models/train").then().statusCode(422)
                .body("detail", containsString("200 more labelled leads needed"));
    }
}
