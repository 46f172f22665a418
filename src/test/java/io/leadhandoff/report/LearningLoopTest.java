package io.leadhandoff.report;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.TestClock;
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
    private static final int FRESH = 500;

    @Inject
    FeedbackService feedback;
    @Inject
    TestClock clock;

    @Test
    void feedbackTrainsAModelThatBeatsTheRulesAndReportsExposeTheBadSource() {
        Instant from = clock.nextSecond();
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
        Instant to = clock.nextSecond();

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
                .body("evaluation.labelPolicy", containsString("won or lost"))
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
            // the evaluation is kept with the version, and in the audit entry of its creation
            Response stored = given().get("/api/v1/scoring/models/" + version).then().statusCode(200).extract().response();
            assertThat(((Number) stored.path("evaluation.candidate.auc")).doubleValue()).isEqualTo(candidateAuc);
            assertThat((Object) stored.path("evaluation.testedOn")).isEqualTo(trained.path("evaluation.testedOn"));
            assertThat((Object) stored.path("evaluation.positives")).isEqualTo(trained.path("evaluation.positives"));
            assertThat((List<?>) stored.path("evaluation.candidate.calibration")).hasSize(10);
            given().queryParam("target", "scoring-model:" + version).get("/api/v1/audit").then().statusCode(200)
                    .body("items.find { it.action == 'scoring-model.created' }.detail.after.evaluation.candidate.auc", notNullValue());

            // the same fresh market, claimed best first under the rules (the candidate scoring beside them as challenger)…
            given().contentType(ContentType.JSON).body(Map.of("version", version)).put("/api/v1/scoring/challenger").then().statusCode(200);
            Instant freshFrom = clock.nextSecond();
            ClaimRun byRules = claimFreshMarket(tag);
            for (int i = 0; i < FRESH; i++) {
                boolean accepted = byRules.claimed().get(i).accepted();
                FeedbackRequest verdict = new FeedbackRequest(accepted ? Outcome.ACCEPTED : Outcome.REJECTED, accepted ? null : "NOT_A_FIT",
                        null, byRules.rep(), byRules.tokens().get(i), null);
                String id = byRules.ids().get(i);
                QuarkusTransaction.requiringNew().run(() -> feedback.record(id, verdict, io.leadhandoff.security.Caller.SYSTEM));
            }
            Response comparison = given().queryParam("from", freshFrom.toString()).get("/api/v1/scoring/challenger").then().statusCode(200)
                    .body("championVersion", equalTo(1)).body("challengerVersion", equalTo(version))
                    .body("scoredByBoth", equalTo(FRESH)).body("labelled", equalTo(FRESH)).extract().response();
            System.out.printf("champion (rules) vs challenger (learned) on the same %d leads: AUC %s vs %s, Brier %s vs %s, "
                            + "top-decile acceptance %s of %s vs %s of %s%n", FRESH,
                    comparison.path("champion.auc"), comparison.path("challenger.auc"), comparison.path("champion.brier"),
                    comparison.path("challenger.brier"), comparison.path("champion.topDecileAccepted"), comparison.path("champion.topDecileLabelled"),
                    comparison.path("challenger.topDecileAccepted"), comparison.path("challenger.topDecileLabelled"));
            assertThat(((Number) comparison.path("challenger.auc")).doubleValue()).isGreaterThan(((Number) comparison.path("champion.auc")).doubleValue());
            assertThat(((Number) comparison.path("challenger.brier")).doubleValue()).isLessThan(((Number) comparison.path("champion.brier")).doubleValue());
            assertThat(((Number) comparison.path("challenger.topDecileAcceptanceRate")).doubleValue())
                    .isGreaterThan(((Number) comparison.path("champion.topDecileAcceptanceRate")).doubleValue());

            // …and after promoting it by activation, under the learned model
            given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(200).body("challenger", equalTo(false));
            given().get("/api/v1/scoring/challenger").then().statusCode(200).body("challengerVersion", org.hamcrest.Matchers.nullValue());
            ClaimRun byLearned = claimFreshMarket(tag);
            // the old champion's calibration stays readable by version right after the activation
            given().queryParam("from", freshFrom.toString()).queryParam("version", 1).get("/api/v1/reports/score-calibration")
                    .then().statusCode(200).body("modelVersion", equalTo(1)).body("labelled", equalTo(FRESH));
            System.out.printf("claim order on %d fresh leads: accept rate of the first 20 %% claimed %.3f (rules) vs %.3f (learned); "
                            + "hidden-truth expected rate %.3f vs %.3f; whole market %.3f%n",
                    FRESH, byRules.acceptRateOfFirst(0.2), byLearned.acceptRateOfFirst(0.2),
                    byRules.expectedRateOfFirst(0.2), byLearned.expectedRateOfFirst(0.2), byRules.acceptRateOfFirst(1.0));
            assertThat(byRules.claimed()).hasSize(FRESH);
            assertThat(byLearned.claimed()).hasSize(FRESH);
            assertThat(byLearned.acceptRateOfFirst(0.2)).isGreaterThan(byRules.acceptRateOfFirst(0.2) + 0.05);
            assertThat(byLearned.expectedRateOfFirst(0.2)).isGreaterThan(byRules.expectedRateOfFirst(0.2) + 0.05);
            // grades follow the learned total: the first claimed are mostly A, the last mostly not
            assertThat(byLearned.grades().subList(0, FRESH / 10)).allMatch("A"::equals);
            assertThat(byLearned.grades().subList(FRESH - FRESH / 10, FRESH)).noneMatch("A"::equals);

            given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "source", "purchased-list", "title", "Student"))
                    .post("/api/v1/leads").then().statusCode(201)
                    .body("lead.score.acceptanceProbability", notNullValue())
                    .body("lead.score.explanation.learned.contributions.feature", org.hamcrest.Matchers.hasItem("source=purchased-list"));
            given().queryParam("from", from.toString()).get("/api/v1/reports/score-calibration").then().statusCode(200)
                    .body("modelVersion", equalTo(version));
        } finally {
            given().delete("/api/v1/scoring/challenger").then().statusCode(org.hamcrest.Matchers.oneOf(204, 404));
            given().post("/api/v1/scoring/models/1/activate").then().statusCode(200);
            io.leadhandoff.Api.restoreDefaultRules();
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

    /** Leads in the order one rep claimed them, with what the market's hidden truth says of each. */
    record ClaimRun(String rep, List<SyntheticLeads.Lead> claimed, List<String> ids, List<String> tokens, List<String> grades) {
        double acceptRateOfFirst(double share) {
            List<SyntheticLeads.Lead> first = claimed.subList(0, (int) Math.round(claimed.size() * share));
            return first.stream().filter(SyntheticLeads.Lead::accepted).count() / (double) first.size();
        }

        double expectedRateOfFirst(double share) {
            return claimed.subList(0, (int) Math.round(claimed.size() * share)).stream()
                    .mapToDouble(SyntheticLeads.Lead::trueProbability).average().orElseThrow();
        }
    }

    /**
     * A fresh market (always the same leads: one seed; campaigns of this run, which the model learned)
     * routed to a queue of its own, then claimed by one rep, 50 at a time, until the queue is empty.
     */
    private static ClaimRun claimFreshMarket(String tag) {
        String rep = TestData.unique("rep");
        String queue = io.leadhandoff.Api.routedQueue("pull", Map.of(), rep);
        List<SyntheticLeads.Lead> market = SyntheticLeads.generate(FRESH, 7, tag);
        List<String> ids = given().contentType(ContentType.JSON).body(Map.of("leads", market.stream().map(l -> (Object) l.body()).toList()))
                .post("/api/v1/leads/batch").then().statusCode(200).body("summary.created", equalTo(FRESH)).extract().path("results.leadId");
        Map<String, SyntheticLeads.Lead> byId = new java.util.HashMap<>();
        for (int i = 0; i < FRESH; i++) {
            byId.put(ids.get(i), market.get(i));
        }
        List<SyntheticLeads.Lead> claimed = new ArrayList<>();
        List<String> claimedIds = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> grades = new ArrayList<>();
        while (true) {
            Response r = io.leadhandoff.Api.claim(queue, rep, 50, 3600).then().statusCode(200).extract().response();
            List<String> got = r.path("claimed.lead.id");
            if (got.isEmpty()) {
                return new ClaimRun(rep, claimed, claimedIds, tokens, grades);
            }
            got.forEach(id -> claimed.add(byId.get(id)));
            claimedIds.addAll(got);
            tokens.addAll(r.path("claimed.leaseToken"));
            grades.addAll(r.path("claimed.lead.score.grade"));
        }
    }

    @Test
    void refusesToTrainWithoutEnoughFeedbackSayingHowMuchMore() {
        Instant future = clock.instant().plusSeconds(86_400 * 365L);
        given().contentType(ContentType.JSON).body(Map.of("from", future.toString(), "to", future.plusSeconds(60).toString()))
                .post("/api/v1/scoring/models/train").then().statusCode(422)
                .body("detail", containsString("200 more labelled leads needed"));
    }
}
