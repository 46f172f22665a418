package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 16, item 4: the filters that find a person, a company or a rep's leads. */
@QuarkusTest
class LeadFindTest {

    @Inject
    TestClock clock;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    @Test
    void findsALeadByItsEmailWhateverTheCase() {
        String email = TestData.uniqueEmail();
        String id = Api.ingest(Map.of("email", email));
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        given().queryParam("email", email.toUpperCase()).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void findsTheLeadsOfACompanyDomain() {
        String domain = TestData.unique("co").toLowerCase() + ".example";
        String a = Api.ingest(Map.of("email", "a@" + domain));
        String b = Api.ingest(Map.of("email", "b@" + domain));
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        given().queryParam("domain", domain.toUpperCase()).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(a, b));
    }

    @Test
    void findsALeadByAnyToolIdentityWithItsSource() {
        String email = TestData.uniqueEmail();
        String external = TestData.unique("hs");
        String other = TestData.unique("mk");
        String id = Api.ingest(Map.of("email", email, "source", "hubspot", "externalId", external));
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "marketo", "externalId", external));
        // a second tool's identity, merged into the same lead, finds it too
        given().contentType("application/json").body(Map.of("email", email, "source", "marketo", "externalId", other))
                .post("/api/v1/leads").then().statusCode(200);
        given().queryParam("source", "hubspot").queryParam("externalId", external).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(id));
        given().queryParam("source", "marketo").queryParam("externalId", other).get("/api/v1/leads")
                .then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void anExternalIdWithoutItsSourceIsA422() {
        given().queryParam("externalId", "hs-1").get("/api/v1/leads")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("externalId"));
    }

    @Test
    void findsTheLeadsOfAQueueAndOfARep() {
        String rep = TestData.unique("rep");
        String queue = Api.routedQueue("round-robin", Map.of(), rep);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        given().queryParam("queueId", queue).get("/api/v1/leads").then().statusCode(200).body("items.id", contains(id));
        given().queryParam("queue", queue).get("/api/v1/leads").then().statusCode(200).body("items.id", contains(id));
        given().queryParam("ownerRepId", rep).get("/api/v1/leads").then().statusCode(200).body("items.id", contains(id));
        given().queryParam("ownerRepId", rep).queryParam("status", "won").get("/api/v1/leads")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("queue", queue).queryParam("queueId", queue + "x").get("/api/v1/leads")
                .then().statusCode(422).body("errors[0].parameter", equalTo("queueId"));
    }

    @Test
    void findsLeadsReceivedInACreatedRange() {
        String campaign = TestData.unique("range");
        Instant before = clock.instant().minusSeconds(1);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        Instant after = clock.instant().plusSeconds(2);
        given().queryParam("campaign", campaign).queryParam("createdFrom", before.toString()).queryParam("createdTo", after.toString())
                .get("/api/v1/leads").then().statusCode(200).body("items.id", contains(id));
        given().queryParam("campaign", campaign).queryParam("createdFrom", after.toString())
                .get("/api/v1/leads").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("campaign", campaign).queryParam("createdTo", before.toString())
                .get("/api/v1/leads").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("createdFrom", after.toString()).queryParam("createdTo", before.toString())
                .get("/api/v1/leads").then().statusCode(422).body("errors[0].parameter", equalTo("createdTo"));
    }

    @Test
    void anUnknownQueryParameterIsA422NamingIt() {
        given().queryParam("emial", "a@b.example").queryParam("colour", "red").get("/api/v1/leads")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.parameter", containsInAnyOrder("colour", "emial"));
    }
}
