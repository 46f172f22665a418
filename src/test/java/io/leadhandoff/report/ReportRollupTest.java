package io.leadhandoff.report;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reports add up per-day aggregates plus the partial days at the edges; late changes to old leads reach them. */
@QuarkusTest
class ReportRollupTest {

    @Inject
    TestClock clock;
    @Inject
    ReportRollup rollup;

    @org.junit.jupiter.api.BeforeEach
    void build() {
        rollup.refresh();
    }

    @AfterEach
    void reset() {
        clock.reset();
        Api.restoreDefaultRules();
    }

    private static Map<String, Object> row(String source, Instant from, Instant to) {
        JsonPath report = given().queryParam("groupBy", "source").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().jsonPath();
        return report.getMap("rows.find { it.group == '" + source + "' }");
    }

    @Test
    void periodsSpanningDaysAddUpAndLateFeedbackOnOldLeadsIsCounted() {
        String source = TestData.unique("rollup").toLowerCase();
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        Instant start = clock.instant().minusSeconds(3600);
        String first = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
        clock.advance(Duration.ofSeconds(1000));
        String token = Api.claim(q, rep, 1, 600).then().statusCode(200).extract().path("claimed[0].leaseToken");
        Api.feedback(first, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", token)).then().statusCode(200);

        clock.advance(Duration.ofDays(3));
        Instant later = clock.instant();
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
        Instant end = clock.instant().plusSeconds(3600);

        Map<String, Object> all = row(source, start, end);
        assertThat(all.get("received")).isEqualTo(3);
        assertThat(all.get("accepted")).isEqualTo(1);
        assertThat(((Number) all.get("medianSecondsToClaim")).doubleValue()).isCloseTo(1000, within(25.0));
        assertThat(row(source, later.minusSeconds(1), end).get("received")).isEqualTo(2);
        assertThat(row(source, start, later.minusSeconds(1)).get("received")).isEqualTo(1);

        // a verdict three days later on the first lead changes the aggregates of the day it was received
        Api.feedback(first, Map.of("outcome", "CONVERTED", "amount", 1200)).then().statusCode(200);
        assertThat(row(source, start, end).get("converted")).isEqualTo(1);
        JsonPath funnel = given().queryParam("from", start.toString()).queryParam("to", end.toString()).get("/api/v1/reports/funnel")
                .then().statusCode(200).extract().jsonPath();
        assertThat(funnel.getLong("steps.find { it.step == 'converted' }.count")).isGreaterThanOrEqualTo(1);
    }
}
