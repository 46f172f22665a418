package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadIntakeTest {

    static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/leads");
    }

    static String create(Map<String, Object> body) {
        return post(body).then().statusCode(201).extract().path("lead.id");
    }

    @Test
    void createsALeadWithLocationAndNormalisedFields() {
        String email = TestData.uniqueEmail();
        String id = post(Map.of("email", "  " + email.toUpperCase() + " ", "source", "HubSpot", "externalId", TestData.unique("hs"),
                "phone", "020 7946 0958", "country", "United Kingdom", "firstName", " Ada\u0000 "))
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("outcome", equalTo("created"))
                .body("merged", equalTo(false))
                .body("lead.status", equalTo("queued"))
                .body("lead.email", equalTo(email))
                .body("lead.source", equalTo("hubspot"))
                .body("lead.phone", equalTo("+442079460958"))
                .body("lead.country", equalTo("GB"))
                .body("lead.firstName", equalTo("Ada"))
                .body("lead.raw.email", equalTo("  " + email.toUpperCase() + " "))
                .body("lead.raw.country", equalTo("United Kingdom"))
                .extract().path("lead.id");

        given().when().get("/api/v1/leads/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("touches", equalTo(1));
    }

    @Test
    void locationPointsAtTheStoredLead() {
        Response created = post(Map.of("email", TestData.uniqueEmail()));
        String location = created.header("Location");
        assertThat(location).isEqualTo("/api/v1/leads/" + created.path("lead.id"));
        given().when().get(location).then().statusCode(200).body("id", equalTo(created.path("lead.id")));
    }

    @Test
    void mergesANewPostForAnOpenLeadWithTheSameEmail() {
        String email = TestData.uniqueEmail();
        String id = create(Map.of("email", email, "source", "hubspot", "campaign", "first",
                "activity", Map.of("pageViews", 3)));

        String second = TestData.unique("second");
        post(Map.of("email", email.toUpperCase(), "source", "marketo", "campaign", second, "title", "CTO",
                "activity", Map.of("pageViews", 2, "formSubmissions", 1)))
                .then().statusCode(200)
                .header("Location", nullValue())
                .body("outcome", equalTo("merged"))
                .body("merged", equalTo(true))
                .body("lead.id", equalTo(id))
                .body("lead.touches", equalTo(2))
                .body("lead.campaign", equalTo("first"))
                .body("lead.title", equalTo("CTO"))
                .body("lead.activity.pageViews", equalTo(5))
                .body("lead.activity.formSubmissions", equalTo(1));

        given().queryParam("campaign", second).when().get("/api/v1/leads")
                .then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aMergeLeavesAnEmptyCampaignEmpty() {
        String email = TestData.uniqueEmail();
        String id = create(Map.of("email", email, "source", "hubspot"));
        String touching = TestData.unique("ebook");

        post(Map.of("email", email, "source", "mautic", "campaign", touching)).then().statusCode(200)
                .body("outcome", equalTo("merged"))
                .body("lead.campaign", nullValue());
        given().when().get("/api/v1/leads/" + id + "/history").then().statusCode(200)
                .body("items.find { it.type == 'lead.merged' }.detail.campaign", equalTo(touching));
    }

    @Test
    void updatesTheLeadOnARepeatOfSourceAndExternalId() {
        String externalId = TestData.unique("mkto");
        String id = create(Map.of("email", TestData.uniqueEmail(), "source", "marketo", "externalId", externalId,
                "title", "Engineer", "activity", Map.of("pageViews", 10)));
        String newEmail = TestData.uniqueEmail();

        post(Map.of("email", newEmail, "source", "Marketo", "externalId", externalId, "title", "Head of Engineering",
                "activity", Map.of("pageViews", 12)))
                .then().statusCode(200)
                .body("outcome", equalTo("updated"))
                .body("merged", equalTo(false))
                .body("lead.id", equalTo(id))
                .body("lead.email", equalTo(newEmail))
                .body("lead.title", equalTo("Head of Engineering"))
                .body("lead.activity.pageViews", equalTo(12));
    }

    @Test
    void recordsEveryTouchInTheHistory() {
        String email = TestData.uniqueEmail();
        String id = create(Map.of("email", email, "source", "hubspot", "campaign", "webinar"));
        post(Map.of("email", email, "source", "mautic", "campaign", "ebook")).then().statusCode(200);

        given().when().get("/api/v1/leads/" + id + "/history")
                .then().statusCode(200)
                .body("items.type", equalTo(List.of("lead.created", "lead.scored", "lead.routed", "lead.merged", "lead.scored")))
                .body("items[0].actor", equalTo("hubspot"))
                .body("items[3].detail.campaign", equalTo("ebook"))
                .body("items[3].at", notNullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void storesSqlLookingStringsVerbatim() {
        String company = "Robert'); DROP TABLE lead;-- \" OR 1=1";
        String id = create(Map.of("email", TestData.uniqueEmail(), "company", company));
        given().when().get("/api/v1/leads/" + id).then().statusCode(200).body("company", equalTo(company));
    }

    @Test
    void keepsCustomAttributes() {
        String id = create(Map.of("email", TestData.uniqueEmail(), "attributes", Map.of("seats", 25, "plan", "team", "trial", true)));
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("attributes.seats", equalTo(25))
                .body("attributes.plan", equalTo("team"))
                .body("attributes.trial", equalTo(true));
    }

    @Test
    void concurrentPostsOfOneNewEmailCreateOneLead() throws Exception {
        String email = TestData.uniqueEmail();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Response>> posts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                posts.add(() -> post(Map.of("email", email)));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<Response> f : pool.invokeAll(posts)) {
                Response r = f.get();
                assertThat(r.statusCode()).isIn(200, 201);
                ids.add(r.path("lead.id"));
                created += r.statusCode() == 201 ? 1 : 0;
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
            given().when().get("/api/v1/leads/" + ids.iterator().next()).then().body("touches", equalTo(threads));
        } finally {
            pool.shutdownNow();
        }
    }
}
