package io.leadhandoff.scoring;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.leadhandoff.report.ReportRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: the same leads fed through lead quality, the funnel, score calibration and training agree on
 * what each lead is at the end of its life. Quality, calibration and training labels use the final verdict; the
 * funnel counts the stages reached.
 */
@QuarkusTest
class CountingRuleTest {

    @Inject
    TestClock clock;
    @Inject
    TrainingService training;
    @Inject
    ScoringService scoring;
    @Inject
    ReportRollup rollup;

    @Test
    void qualityCalibrationAndTrainingCountEachLeadByItsFinalVerdictAndTheFunnelByStagesReached() {
        // a day of its own: the clock never goes back, so no other test's leads fall into the reports' period
        clock.advance(Duration.ofDays(1));
        Instant from = clock.instant().minusSeconds(1);
        String campaign = TestData.unique("rule");
        String acceptedThenRejected = lead(campaign);
        String won = lead(campaign);
        String acceptedThenRecycled = lead(campaign);
        String rejected = lead(campaign);
        String accepted = lead(campaign);
        String rejectedForTiming = lead(campaign);
        verdicts(acceptedThenRejected, Map.of("outcome", "ACCEPTED"), Map.of("outcome", "REJECTED", "reason", "NOT_A_FIT"));
        verdicts(won, Map.of("outcome", "ACCEPTED"), Map.of("outcome", "CONVERTED"), Map.of("outcome", "WON", "amount", 100));
        verdicts(acceptedThenRecycled, Map.of("outcome", "ACCEPTED"), Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING"));
        verdicts(rejected, Map.of("outcome", "REJECTED", "reason", "SPAM"));
        verdicts(accepted, Map.of("outcome", "ACCEPTED"));
        verdicts(rejectedForTiming, Map.of("outcome", "REJECTED", "reason", "BAD_TIMING"));
        Instant to = clock.instant().plusSeconds(1);

        // the edges of a period are read from the leads, whole days from the per-day aggregates: both follow the rule
        Instant dayStart = LocalDate.ofInstant(from, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        rollup.refresh();
        for (Instant[] period : List.of(new Instant[] {from, to}, new Instant[] {dayStart, dayStart.plus(2, ChronoUnit.DAYS)})) {
            JsonPath quality = given().queryParam("groupBy", "campaign").queryParam("from", period[0].toString())
                    .queryParam("to", period[1].toString()).get("/api/v1/reports/lead-quality").then().statusCode(200)
                    .extract().jsonPath().setRootPath("rows.find { it.group == '" + campaign + "' }");
            assertThat(quality.getInt("received")).isEqualTo(6);
            assertThat(quality.getInt("accepted")).as("final verdict accepted: won, accepted").isEqualTo(2);
            assertThat(quality.getInt("rejected")).as("final verdict rejected, also after an acceptance").isEqualTo(3);
            assertThat(quality.getInt("recycled")).isEqualTo(1);
            assertThat(quality.getFloat("acceptanceRate")).isEqualTo(0.4f);
            assertThat(quality.getFloat("conversionRate")).isEqualTo(0.5f);

            JsonPath funnel = given().queryParam("from", period[0].toString()).queryParam("to", period[1].toString())
                    .get("/api/v1/reports/funnel").then().statusCode(200).extract().jsonPath();
            assertThat(funnel.getList("steps.count", Integer.class)).as("received, accepted, converted, won: stages reached")
                    .containsExactly(6, 4, 1, 1);

            JsonPath calibration = given().queryParam("from", period[0].toString()).queryParam("to", period[1].toString())
                    .get("/api/v1/reports/score-calibration").then().statusCode(200).extract().jsonPath();
            assertThat(calibration.getInt("labelled")).as("recycled and timing rejections are not about the lead").isEqualTo(4);
            assertThat(calibration.getList("byGrade.accepted", Integer.class).stream().mapToInt(Integer::intValue).sum())
                    .as("calibration's accepted = quality's accepted").isEqualTo(quality.getInt("accepted"));
        }

        List<TrainingService.Row> labels = training.load(from, to, scoring.active());
        assertThat(labels).hasSize(4);
        assertThat(labels.stream().filter(r -> r.label() == 1)).as("training positives = quality's accepted").hasSize(2);
        assertThat(labels.stream().filter(r -> r.label() == 0)).as("rejected for a reason about the lead").hasSize(2);
    }

    private String lead(String campaign) {
        return Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
    }

    @SafeVarargs
    private static void verdicts(String lead, Map<String, Object>... verdicts) {
        for (Map<String, Object> verdict : verdicts) {
            Api.feedback(lead, verdict).then().statusCode(200);
        }
    }
}
