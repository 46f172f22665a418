package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.leadhandoff.write.WritePath;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16, item 3: a recycled or closed lead touched again starts a new cycle, linked to the one before. */
@QuarkusTest
class LeadCycleTest {

    @Inject
    TestClock clock;

    @Inject
    ErasureService erasure;

    @Inject
    WritePath writes;

    private static ValidatableResponse post(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead).post("/api/v1/leads").then();
    }

    private static Map<String, Object> engaged(Map<String, Object> lead) {
        Map<String, Object> body = new HashMap<>(lead);
        body.put("activity", Map.of("formSubmissions", 10, "pageViews", 200, "emailClicks", 30, "webinarsAttended", 5));
        return body;
    }

    @Test
    void aRecycledLeadPostedAgainByEmailStartsANewLinkedCycle() {
        String email = TestData.uniqueEmail();
        String first = Api.ingest(Map.of("email", email));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);

        String second = post(Map.of("email", email)).statusCode(201)
                .header("Location", notNullValue())
                .body("outcome", equalTo("created"))
                .body("lead.cycle.number", equalTo(2))
                .body("lead.cycle.previousLeadId", equalTo(first))
                .body("lead.status", equalTo("queued"))
                .body("lead.score", notNullValue())
                .extract().path("lead.id");
        assertThat(second).isNotEqualTo(first);
        given().get("/api/v1/leads/" + first).then().statusCode(200)
                .body("status", equalTo("recycled")).body("cycle.number", equalTo(1)).body("cycle.nextLeadId", equalTo(second));
        given().get("/api/v1/leads/" + first + "/history").then().statusCode(200)
                .body("items.find { it.type == 'lead.cycle_started' }.detail.nextLeadId", equalTo(second));
        given().get("/api/v1/leads/" + second + "/history").then().statusCode(200)
                .body("items.find { it.type == 'lead.created' }.detail.previousLeadId", equalTo(first));
        // the new cycle is open: the next post of the person merges into it
        post(Map.of("email", email)).statusCode(200).body("outcome", equalTo("merged")).body("lead.id", equalTo(second));
        given().queryParam("email", email).get("/api/v1/leads").then().statusCode(200).body("items.id", contains(first, second));
    }

    @Test
    void theSameToolIdentityStartsANewCycleAndMovesToIt() {
        String external = TestData.unique("hs");
        String first = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);

        // HubSpot's contact id never changes; a new email on the same contact is the same person
        String second = post(engaged(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external)))
                .statusCode(201)
                .body("lead.cycle.previousLeadId", equalTo(first))
                .body("lead.externalId", equalTo(external))
                .body("lead.status", equalTo("queued"))
                .extract().path("lead.id");
        given().get("/api/v1/leads/" + first).then().body("externalId", nullValue()).body("cycle.nextLeadId", equalTo(second));
        given().queryParam("source", "hubspot").queryParam("externalId", external).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(second));
        // the identity now belongs to the open cycle: the next post updates it
        post(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external))
                .statusCode(200).body("outcome", equalTo("updated")).body("lead.id", equalTo(second));
    }

    @Test
    void aLeadRejectedForTimingComesBackThroughTheSameIdentityAndEmail() {
        String email = TestData.uniqueEmail();
        String external = TestData.unique("mk");
        String first = Api.ingest(Map.of("email", email, "source", "marketo", "externalId", external));
        Api.feedback(first, Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(first, Map.of("outcome", "REJECTED", "reason", "BAD_TIMING")).then().statusCode(200);
        post(Map.of("email", email, "source", "marketo", "externalId", external)).statusCode(201)
                .body("lead.cycle.previousLeadId", equalTo(first)).body("lead.cycle.number", equalTo(2));
    }

    @Test
    void aContactMovedToAnOpenLeadOfItsNewEmailIsMergedThere() {
        String external = TestData.unique("hs");
        String first = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);
        String email = TestData.uniqueEmail();
        String open = Api.ingest(Map.of("email", email));
        post(Map.of("email", email, "source", "hubspot", "externalId", external)).statusCode(200)
                .body("outcome", equalTo("merged")).body("lead.id", equalTo(open));
        given().queryParam("source", "hubspot").queryParam("externalId", external).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(open));
    }

    @Test
    void aThirdCycleFollowsTheSecond() {
        String email = TestData.uniqueEmail();
        String first = Api.ingest(Map.of("email", email));
        Api.feedback(first, Map.of("outcome", "REJECTED", "reason", "NO_BUDGET")).then().statusCode(200);
        String second = post(Map.of("email", email)).statusCode(201).extract().path("lead.id");
        Api.feedback(second, Map.of("outcome", "RECYCLED", "reason", "UNRESPONSIVE")).then().statusCode(200);
        post(Map.of("email", email)).statusCode(201)
                .body("lead.cycle.number", equalTo(3)).body("lead.cycle.previousLeadId", equalTo(second));
        given().get("/api/v1/leads/" + first).then().body("cycle.nextLeadId", equalTo(second));
    }

    @Test
    void aBatchWithTwoPostsOfARecycledPersonStartsOneCycle() {
        String email = TestData.uniqueEmail();
        String first = Api.ingest(Map.of("email", email));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("leads", List.of(Map.of("email", email), Map.of("email", email))))
                .post("/api/v1/leads/batch").then().statusCode(200)
                .body("results.outcome", contains("created", "merged"));
        given().queryParam("email", email).get("/api/v1/leads").then().body("items.cycle.number", contains(1, 2));
    }

    @Test
    void erasingAContactErasesEveryCycleOfIt() {
        String external = TestData.unique("hs");
        String first = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);
        String second = post(Map.of("email", TestData.uniqueEmail(), "source", "hubspot", "externalId", external))
                .statusCode(201).extract().path("lead.id");
        // as a tool's erasure event does it: inside the write path's transaction
        assertThat(writes.transaction(() -> erasure.eraseByExternalId("hubspot", external, "test"))).containsExactly(second, first);
        given().get("/api/v1/leads/" + first).then().body("status", equalTo("erased")).body("email", nullValue());
        given().get("/api/v1/leads/" + second).then().body("status", equalTo("erased"));
    }

    @Test
    void reportsCountLaterCycles() {
        String campaign = TestData.unique("cyc");
        Instant from = clock.instant().minusSeconds(1);
        String email = TestData.uniqueEmail();
        String first = Api.ingest(Map.of("email", email, "campaign", campaign));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);
        post(Map.of("email", email, "campaign", campaign)).statusCode(201);
        given().queryParam("groupBy", "campaign").queryParam("from", from.toString()).get("/api/v1/reports/lead-quality")
                .then().statusCode(200)
                .body("rows.find { it.group == '" + campaign + "' }.received", equalTo(2))
                .body("rows.find { it.group == '" + campaign + "' }.laterCycles", equalTo(1));
        given().queryParam("from", from.toString()).get("/api/v1/reports/funnel").then().statusCode(200)
                .body("laterCycles", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }
}
