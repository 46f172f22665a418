package io.leadhandoff.work;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkTest {

    @Inject
    TestClock clock;
    @Inject
    SlaService sla;
    @Inject
    WorkService work;

    @AfterEach
    void cleanUp() {
        Api.restoreDefaultRules();
    }

    @Test
    void claimsTheBestReadyLeadsFirstWithLeases() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String low = Api.ingest(Map.of("email", TestData.uniqueEmail(), "title", "Student"));
        String high = Api.ingest(Map.of("email", TestData.uniqueEmail(), "title", "CEO", "employeeCount", 5000, "country", "US", "company", "Big"));
        Response r = Api.claim(q, rep, 5, 120).then().statusCode(200)
                .body("claimed", hasSize(2))
                .body("claimed[0].lead.id", equalTo(high))
                .body("claimed[1].lead.id", equalTo(low))
                .body("claimed[0].leaseToken", notNullValue())
                .body("claimed[0].lead.status", equalTo("claimed"))
                .body("claimed[0].lead.lease.claimedBy", equalTo(rep))
                .extract().response();
        assertThat((String) r.path("claimed[0].leaseToken")).isNotEqualTo(r.path("claimed[1].leaseToken"));
        // the end a holder is told is the end stored (a whole second: MariaDB through Connector/J keeps no fraction)
        String told = r.path("claimed[0].leaseExpiresAt");
        assertThat(java.time.Instant.parse(told).getNano()).isZero();
        given().get("/api/v1/leads/" + high).then().statusCode(200).body("lease.expiresAt", equalTo(told));
        Api.claim(q, rep, 5, null).then().statusCode(200).body("claimed", hasSize(0));
        given().get("/api/v1/reps/" + rep + "/leads").then().statusCode(200).body("items.id", org.hamcrest.Matchers.containsInAnyOrder(high, low));
        given().get("/api/v1/leads/" + high + "/history").then().body("items.type", hasItem("lead.claimed"));
    }

    @Test
    void refusesClaimsFromNonMembersAndBadRequests() {
        String q = Api.routedQueue("pull", Map.of(), "rep-a");
        Api.claim(q, "stranger", 1, null).then().statusCode(403).contentType("application/problem+json");
        Api.claim(q, "rep-a", 51, null).then().statusCode(422).body("errors[0].pointer", equalTo("/count"));
        Api.claim("no-such-queue", "rep-a", 1, null).then().statusCode(404);
    }

    @Test
    void releaseAndExtendNeedTheCurrentToken() {
        String q = Api.routedQueue("pull", Map.of(), "rep-a", "rep-b");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String token = Api.claim(q, "rep-a", 1, 60).then().extract().path("claimed[0].leaseToken");

        given().contentType(ContentType.JSON).body(Map.of("leaseToken", "forged")).post("/api/v1/leads/" + id + "/release")
                .then().statusCode(409).body("type", equalTo("urn:lead-handoff:problem:lease-lost")).body("currentState", equalTo("claimed"));
        given().contentType(ContentType.JSON).body(Map.of("leaseToken", token, "leaseSeconds", 600)).post("/api/v1/leads/" + id + "/lease")
                .then().statusCode(200).body("leaseExpiresAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("leaseToken", token)).post("/api/v1/leads/" + id + "/release").then().statusCode(204);
        given().get("/api/v1/leads/" + id).then().body("status", equalTo("queued")).body("ownerRepId", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body(Map.of("leaseToken", token)).post("/api/v1/leads/" + id + "/release").then().statusCode(409);
        Api.claim(q, "rep-b", 1, null).then().body("claimed[0].lead.id", equalTo(id));
    }

    @Test
    void anExpiredLeaseMakesTheLeadClaimableAgainAndFencesTheOldHolder() {
        String q = Api.routedQueue("pull", Map.of(), "rep-a", "rep-b");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String oldToken = Api.claim(q, "rep-a", 1, 30).then().extract().path("claimed[0].leaseToken");
        Api.claim(q, "rep-b", 1, null).then().body("claimed", hasSize(0));

        clock.advance(Duration.ofSeconds(31));
        Api.claim(q, "rep-b", 1, null).then().statusCode(200).body("claimed[0].lead.id", equalTo(id));
        given().contentType(ContentType.JSON).body(Map.of("leaseToken", oldToken, "leaseSeconds", 60)).post("/api/v1/leads/" + id + "/lease")
                .then().statusCode(409);
        given().get("/api/v1/leads/" + id + "/history").then()
                .body("items.type", org.hamcrest.Matchers.hasItems("lead.claimed", "lead.lease_expired"));
    }

    @Test
    void theSweeperReturnsExpiredLeasesToTheQueue() {
        String q = Api.routedQueue("pull", Map.of(), "rep-a");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Api.claim(q, "rep-a", 1, 30).then().statusCode(200);
        clock.advance(Duration.ofSeconds(31));
        work.expireLeases(clock.instant(), 1000);
        given().get("/api/v1/leads/" + id).then().body("status", equalTo("queued"));
    }

    @Test
    void respectsTheRepsCapacityWhenClaiming() {
        String q = Api.routedQueue("pull", Map.of(), "rep-cap");
        given().contentType(ContentType.JSON).body(Map.of("maxOpen", 2)).put("/api/v1/queues/" + q + "/members/rep-cap").then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            Api.ingest(Map.of("email", TestData.uniqueEmail()));
        }
        Api.claim(q, "rep-cap", 4, null).then().body("claimed", hasSize(2));
        Api.claim(q, "rep-cap", 4, null).then().body("claimed", hasSize(0));
    }

    @Test
    void assignedLeadsGoToTheirRepFirst() {
        String a = TestData.unique("rep");
        String b = TestData.unique("rep");
        String q = Api.routedQueue("round-robin", Map.of(), a, b);
        String first = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String second = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String firstOwner = given().get("/api/v1/leads/" + first).path("ownerRepId");
        String secondOwner = given().get("/api/v1/leads/" + second).path("ownerRepId");
        assertThat(List.of(firstOwner, secondOwner)).containsExactlyInAnyOrder(a, b);
        Api.claim(q, firstOwner, 5, null).then().body("claimed.lead.id", equalTo(List.of(first)));
        given().get("/api/v1/reps/" + secondOwner + "/leads").then().body("items.id", equalTo(List.of(second)));
    }

    @Test
    void escalatesAnUnclaimedLeadToTheNextRepOnce() {
        String q = Api.routedQueue("round-robin", Map.of("slaMinutes", 30), "rep-a", "rep-b");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String owner = given().get("/api/v1/leads/" + id).then().body("slaDueAt", notNullValue()).extract().path("ownerRepId");

        clock.advance(Duration.ofMinutes(31));
        sla.escalate(clock.instant(), 1000);
        sla.escalate(clock.instant(), 1000);
        String newOwner = given().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("slaBreaches", equalTo(1)).body("status", equalTo("queued")).extract().path("ownerRepId");
        assertThat(newOwner).isNotEqualTo(owner).isIn("rep-a", "rep-b");
        given().get("/api/v1/leads/" + id + "/history").then()
                .body("items.findAll { it.type == 'lead.escalated' }", hasSize(1))
                .body("items.findAll { it.type == 'lead.sla_breached' }", hasSize(1));
    }

    @Test
    void escalatesToTheOverflowQueueWhenNobodyElseCanTakeIt() {
        String overflow = TestData.unique("of").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", overflow, "name", "Overflow")).post("/api/v1/queues").then().statusCode(201);
        String q = Api.routedQueue("round-robin", Map.of("slaMinutes", 10, "overflowQueueId", overflow), "only-rep");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        clock.advance(Duration.ofMinutes(11));
        sla.escalate(clock.instant(), 1000);
        given().get("/api/v1/leads/" + id).then().body("queueId", equalTo(overflow)).body("slaBreaches", equalTo(1));
    }
}
