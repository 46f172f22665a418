package io.leadhandoff.report;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.TestClock;
import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.leadhandoff.work.SlaService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportTest {

    @Inject
    TestClock clock;
    @Inject
    SlaService sla;

    @AfterEach
    void reset() {
        Api.restoreDefaultRules();
    }

    @Test
    void aCampaignThatSpentAndBroughtNoLeadStillHasItsRow() {
        String campaign = TestData.unique("silent");
        String today = LocalDate.now(clock).toString();
        given().contentType(ContentType.JSON).body(Map.of("from", today, "to", today, "amount", 250, "currency", "EUR"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200);
        String dayStart = LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String dayEnd = LocalDate.now(clock).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        given().queryParam("groupBy", "campaign").queryParam("from", dayStart).queryParam("to", dayEnd).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + campaign + "' }.received", equalTo(0))
                .body("rows.find { it.group == '" + campaign + "' }.spend", equalTo(250.0f))
                .body("rows.find { it.group == '" + campaign + "' }.currency", equalTo("EUR"));
    }

    @Test
    void costsPerLeadAcceptedAndWonByCampaign() {
        Instant from = clock.instant().minusSeconds(1);
        String campaign = TestData.unique("camp");
        String a = Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        String b = Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        Api.feedback(a, Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(a, Map.of("outcome", "CONVERTED", "amount", 1000)).then().statusCode(200);
        Api.feedback(a, Map.of("outcome", "WON", "amount", 5000)).then().statusCode(200);
        Api.feedback(b, Map.of("outcome", "REJECTED", "reason", "SPAM")).then().statusCode(200);
        String today = LocalDate.now(clock).toString();
        given().contentType(ContentType.JSON).body(Map.of("from", today, "to", today, "amount", 300, "currency", "EUR"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200).body("amount", equalTo(300));
        given().contentType(ContentType.JSON).body(Map.of("from", today, "to", today, "amount", 400, "currency", "EUR"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200);
        // a window of the whole day gets the whole day's spend
        String dayStart = LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String dayEnd = LocalDate.now(clock).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        given().queryParam("groupBy", "campaign").queryParam("from", dayStart).queryParam("to", dayEnd).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + campaign + "' }.currency", equalTo("EUR"))
                .body("rows.find { it.group == '" + campaign + "' }.received", equalTo(2))
                .body("rows.find { it.group == '" + campaign + "' }.acceptanceRate", equalTo(0.5f))
                .body("rows.find { it.group == '" + campaign + "' }.winRate", equalTo(1.0f))
                .body("rows.find { it.group == '" + campaign + "' }.spend", equalTo(400.0f))
                .body("rows.find { it.group == '" + campaign + "' }.costPerLead", equalTo(200.0f))
                .body("rows.find { it.group == '" + campaign + "' }.costPerAcceptedLead", equalTo(400.0f))
                .body("rows.find { it.group == '" + campaign + "' }.costPerWonDeal", equalTo(400.0f))
                .body("rows.find { it.group == '" + campaign + "' }.topRejectionReasons[0].reason", equalTo("SPAM"));
        given().queryParam("from", from.toString()).get("/api/v1/reports/funnel").then().statusCode(200)
                .body("revenue", notNullValue());
    }

    @Test
    void spendIsProratedToTheWindowByDaysNeverAddedAcrossCurrenciesAndCountedBySource() {
        String source = TestData.unique("src");
        String campaign = TestData.unique("camp");
        String other = TestData.unique("camp");
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign, "source", source));
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", other, "source", source));
        LocalDate today = LocalDate.now(clock);
        // 3,000 over 30 days, 10 of which lie in the window: 1,000
        given().contentType(ContentType.JSON).body(Map.of("from", today.minusDays(20).toString(), "to", today.plusDays(9).toString(),
                        "amount", 3000, "currency", "USD", "source", source))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200).body("source", equalTo(source));
        given().contentType(ContentType.JSON).body(Map.of("from", today.toString(), "to", today.toString(), "amount", 500, "currency", "USD",
                        "source", source))
                .put("/api/v1/campaigns/" + other + "/spend").then().statusCode(200);
        // a second currency, or another source, for the same campaign is refused
        given().contentType(ContentType.JSON).body(Map.of("from", today.plusDays(10).toString(), "to", today.plusDays(20).toString(),
                        "amount", 1000, "currency", "EUR", "source", source))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("from", today.plusDays(10).toString(), "to", today.plusDays(20).toString(),
                        "amount", 1000, "currency", "USD", "source", "elsewhere"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(409);
        String from = today.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = today.plusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        given().queryParam("groupBy", "campaign").queryParam("from", from).queryParam("to", to).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + campaign + "' }.spend", equalTo(1000.0f))
                .body("rows.find { it.group == '" + campaign + "' }.currency", equalTo("USD"))
                .body("rows.find { it.group == '" + other + "' }.spend", equalTo(500.0f));
        given().queryParam("groupBy", "source").queryParam("from", from).queryParam("to", to).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + source + "' }.spend", equalTo(1500.0f))
                .body("rows.find { it.group == '" + source + "' }.costPerLead", equalTo(750.0f))
                .body("rows.find { it.group == '" + source + "' }.currency", equalTo("USD"));
        // the hour around the leads: its share of the one-day period, by the seconds of it that fall on that day
        // (1/24 of 500 at midday; less when the hour crosses midnight)
        Instant hour = clock.instant().minusSeconds(1800);
        Instant hourEnd = clock.instant().plusSeconds(1800);
        Instant dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long onThatDay = Duration.between(hour.isAfter(dayStart) ? hour : dayStart, hourEnd.isBefore(dayEnd) ? hourEnd : dayEnd).toSeconds();
        float share = BigDecimal.valueOf(500L * onThatDay).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP).floatValue();
        given().queryParam("groupBy", "campaign").queryParam("from", hour.toString()).queryParam("to", hourEnd.toString())
                .get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + other + "' }.spend", equalTo(share));
    }

    @Test
    void leadQualityRowsSortByAColumnAndRefuseAnUnknownOne() {
        Instant from = clock.instant().minusSeconds(1);
        String good = TestData.unique("good");
        String bad = TestData.unique("bad");
        Api.feedback(Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", good)), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", bad)), Map.of("outcome", "REJECTED", "reason", "SPAM"))
                .then().statusCode(200);
        List<String> best = given().queryParam("groupBy", "source").queryParam("from", from.toString()).queryParam("sort", "-acceptanceRate")
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().path("rows.group");
        assertThat(best.indexOf(good)).isLessThan(best.indexOf(bad));
        List<String> worst = given().queryParam("groupBy", "source").queryParam("from", from.toString()).queryParam("sort", "acceptanceRate")
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().path("rows.group");
        assertThat(worst.indexOf(bad)).isLessThan(worst.indexOf(good));
        given().queryParam("groupBy", "source").queryParam("sort", "colour").get("/api/v1/reports/lead-quality").then().statusCode(422)
                .body("errors[0].parameter", equalTo("sort"));
    }

    @Test
    void slaReportCountsBreachesByQueueAndRep() {
        Instant from = clock.instant().minusSeconds(1);
        String rep = TestData.unique("slow");
        String other = TestData.unique("other");
        String q = Api.routedQueue("round-robin", Map.of("slaMinutes", 5), rep, other);
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        clock.advance(Duration.ofMinutes(6));
        sla.escalate(clock.instant(), 1000);
        given().queryParam("from", from.toString()).queryParam("to", clock.instant().plusSeconds(1).toString())
                .get("/api/v1/reports/sla").then().statusCode(200)
                .body("queues.find { it.queueId == '" + q + "' }.routed", equalTo(2))
                .body("queues.find { it.queueId == '" + q + "' }.breaches", equalTo(2))
                .body("reps.repId", hasItem(rep));
    }

    @Test
    void csvExportsHoldTheWholeReport() {
        Instant from = clock.instant().minusSeconds(1);
        String rep = TestData.unique("slow");
        String q = Api.routedQueue("round-robin", Map.of("slaMinutes", 5), rep);
        Api.feedback(Api.ingest(Map.of("email", TestData.uniqueEmail())), Map.of("outcome", "REJECTED", "reason", "SPAM")).then().statusCode(200);
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        clock.advance(Duration.ofMinutes(6));
        sla.escalate(clock.instant(), 1000);
        String to = clock.instant().plusSeconds(1).toString();

        String calibration = given().accept("text/csv").queryParam("from", from.toString()).queryParam("to", to)
                .get("/api/v1/reports/score-calibration").then().statusCode(200).extract().asString();
        assertThat(calibration.split("\r\n\r\n")).hasSize(3);
        assertThat(calibration).startsWith("summary\r\nmodelVersion,from,to,labelled,brierScore,auc,probabilitySource\r\n1,")
                .contains("\r\n\r\nbyScoreBand\r\nbucket,").contains("\r\n\r\nbyGrade\r\nbucket,");
        String slaCsv = given().accept("text/csv").queryParam("from", from.toString()).queryParam("to", to)
                .get("/api/v1/reports/sla").then().statusCode(200).extract().asString();
        assertThat(slaCsv).startsWith("queues\r\nqueueId,").contains("\r\n\r\nreps\r\nrepId,queueId,breaches,leaseExpiries\r\n")
                .contains(rep + "," + q + ",");
    }

    @Test
    void refusesBadParameters() {
        given().get("/api/v1/reports/lead-quality").then().statusCode(422).body("errors[0].parameter", equalTo("groupBy"));
        given().queryParam("groupBy", "colour").get("/api/v1/reports/lead-quality").then().statusCode(422);
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get("/api/v1/reports/funnel")
                .then().statusCode(422);
        given().queryParam("from", "yesterday").get("/api/v1/reports/sla").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("from", "2026-02-01", "to", "2026-01-01", "amount", 1))
                .put("/api/v1/campaigns/x/spend").then().statusCode(422);
    }
}
