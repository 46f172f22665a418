package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadListTest {

    @Inject
    TestClock clock;

    @Test
    void pagesThroughEveryLeadOnceWithACursor() {
        String campaign = TestData.unique("paging");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(LeadIntakeTest.create(Map.of("email", TestData.uniqueEmail(), "campaign", campaign)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("campaign", campaign).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/leads").then().statusCode(200).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
            if (pages == 1) {
                // a lead arriving while a client pages neither shifts nor repeats what it sees: it comes last
                created.add(LeadIntakeTest.create(Map.of("email", TestData.uniqueEmail(), "campaign", campaign)));
            }
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersByStatusSourceAndUpdatedSince() {
        String source = TestData.unique("src");
        Instant before = clock.instant().minusSeconds(1);
        String id = LeadIntakeTest.create(Map.of("email", TestData.uniqueEmail(), "source", source));
        given().queryParam("source", source).queryParam("status", "queued").queryParam("updatedSince", before.toString())
                .when().get("/api/v1/leads")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("nextCursor", nullValue());
        given().queryParam("source", source).queryParam("status", "won")
                .when().get("/api/v1/leads").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("source", source).queryParam("updatedSince", clock.instant().plusSeconds(3600).toString())
                .when().get("/api/v1/leads").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void rejectsAnOutOfRangeLimit() {
        given().queryParam("limit", 201).when().get("/api/v1/leads")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("limit"));
        given().queryParam("limit", 0).when().get("/api/v1/leads").then().statusCode(422);
    }

    @Test
    void rejectsAForgedCursor() {
        given().queryParam("cursor", "not-a-cursor!").when().get("/api/v1/leads")
                .then().statusCode(422).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void rejectsAnUnknownStatusAndABadTimestamp() {
        given().queryParam("status", "hot").when().get("/api/v1/leads")
                .then().statusCode(422).body("errors[0].parameter", equalTo("status"));
        given().queryParam("updatedSince", "yesterday").when().get("/api/v1/leads")
                .then().statusCode(422).body("errors[0].parameter", equalTo("updatedSince"));
    }

    @Test
    void answers404ProblemForAnUnknownLead() {
        given().when().get("/api/v1/leads/01ZZZZZZZZZZZZZZZZZZZZZZZZ")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:not-found"));
        given().when().get("/api/v1/leads/01ZZZZZZZZZZZZZZZZZZZZZZZZ/history").then().statusCode(404);
    }
}
