package io.leadhandoff.report;

import static io.leadhandoff.Api.given;
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
import java.time.Duration;
import java.time.Instant;
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
        clock.reset();
        Api.restoreDefaultRules();
    }

    @Test
    void costsPerLeadAcceptedAndWonByCampaign() {
        Instant from = Instant.now().minusSeconds(1);
        String campaign = TestData.unique("camp");
        String a = Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        String b = Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        Api.feedback(a, Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(a, Map.of("outcome", "CONVERTED", "amount", 1000)).then().statusCode(200);
        Api.feedback(a, Map.of("outcome", "WON", "amount", 5000)).then().statusCode(200);
        Api.feedback(b, Map.of("outcome", "REJECTED", "reason", "SPAM")).then().statusCode(200);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        given().contentType(ContentType.JSON).body(Map.of("from", today, "to", today, "amount", 300, "currency", "EUR"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200).body("amount", equalTo(300));
        given().contentType(ContentType.JSON).body(Map.of("from", today, "to", today, "amount", 400, "currency", "EUR"))
                .put("/api/v1/campaigns/" + campaign + "/spend").then().statusCode(200);
        given().queryParam("groupBy", "campaign").queryParam("from", from.toString()).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
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
    void slaReportCountsBreachesByQueueAndRep() {
        Instant from = Instant.now().minusSeconds(1);
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
