package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadBatchTest {

    private static Response postBatch(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/leads/batch");
    }

    /** A body outside the operation's schema that the service still takes: a bare array, or items each refused alone. */
    private static Response postBatchUnchecked(String why, Object body) {
        return Api.uncheckedRequest(why).contentType(ContentType.JSON).body(body).when().post("/api/v1/leads/batch");
    }

    @Test
    void answersOneResultPerItemInOrderAndOneBadItemFailsNothingElse() {
        String email = TestData.uniqueEmail();
        String existing = LeadIntakeTest.create(Map.of("email", TestData.uniqueEmail(), "source", "marketo",
                "externalId", "mkto-" + email));
        String existingEmail = given().get("/api/v1/leads/" + existing).path("email");
        List<Object> leads = List.of(
                Map.of("email", email, "source", "marketo"),
                Map.of("email", "not-an-email"),
                Map.of("email", email.toUpperCase(), "source", "marketo"),
                Map.of("email", existingEmail, "source", "marketo", "externalId", "mkto-" + email, "title", "CFO"),
                Map.of("email", TestData.uniqueEmail(), "status", "won"));

        Response r = postBatch(Map.of("leads", leads)).then().statusCode(200)
                .body("results", hasSize(5))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4)))
                .body("results.outcome", equalTo(List.of("created", "rejected", "merged", "updated", "rejected")))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.errors[0].pointer", equalTo("/leads/1/email"))
                .body("results[4].problem.errors[0].pointer", equalTo("/leads/4/status"))
                .body("results[1].leadId", nullValue())
                .body("results[3].leadId", equalTo(existing))
                .body("summary.created", equalTo(1))
                .body("summary.merged", equalTo(1))
                .body("summary.updated", equalTo(1))
                .body("summary.rejected", equalTo(2))
                .extract().response();

        assertThat((String) r.path("results[2].leadId")).isEqualTo(r.path("results[0].leadId"));
        given().get("/api/v1/leads/" + existing).then().body("title", equalTo("CFO"));
    }

    @Test
    void acceptsABareArray() {
        postBatchUnchecked("the bare-array body the operation's description allows; its schema shows the object form",
                List.of(Map.of("email", TestData.uniqueEmail()), Map.of("email", TestData.uniqueEmail())))
                .then().statusCode(200).body("summary.created", equalTo(2))
                .body("results[0].status", equalTo("queued"));
    }

    @Test
    void ingestsAThousandLeads() {
        String campaign = TestData.unique("bulk");
        List<Object> leads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            leads.add(Map.of("email", TestData.uniqueEmail(), "campaign", campaign, "source", "bulk", "externalId", campaign + "-" + i));
        }
        postBatch(Map.of("leads", leads)).then().statusCode(200).body("summary.created", equalTo(1000));
        given().queryParam("campaign", campaign).queryParam("limit", 200).when().get("/api/v1/leads")
                .then().statusCode(200).body("items", hasSize(200));
    }

    @Test
    void refusesMoreThanAThousandLeadsWith413() {
        String campaign = TestData.unique("toomany");
        List<Object> leads = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            leads.add(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        }
        postBatch(Map.of("leads", leads)).then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:payload-too-large"));
        given().queryParam("campaign", campaign).when().get("/api/v1/leads").then().body("items", hasSize(0));
    }

    @Test
    void rejectsABodyThatIsNotAListOfLeads() {
        postBatch(Map.of("items", List.of())).then().statusCode(422).body("errors[0].pointer", equalTo("/leads"));
        postBatch(Map.of("leads", List.of())).then().statusCode(422).body("errors[0].pointer", equalTo("/leads"));
        postBatch("\"x\"").then().statusCode(422);
        postBatchUnchecked("items that are not leads, each refused alone in a 200", List.of(1, "two")).then().statusCode(200)
                .body("summary.rejected", equalTo(2))
                .body("results[0].problem.errors[0].pointer", equalTo("/0"));
    }
}
