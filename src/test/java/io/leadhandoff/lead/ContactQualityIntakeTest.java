package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.equalTo;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contact quality at intake: in the lead view, in the score explanation, and usable by routing rules and scoring models. */
@QuarkusTest
class ContactQualityIntakeTest {

    @AfterEach
    void restore() {
        given().post("/api/v1/scoring/models/1/activate").then().statusCode(200);
        Api.restoreDefaultRules();
    }

    @Test
    void theLeadViewAndTheExplanationShowContactQuality() {
        String id = Api.ingest(Map.of("email", "info@" + TestData.unique("acme") + ".example", "firstName", "asdf", "phone", "12345",
                "country", "DE"));
        given().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("contactQuality.phonePresent", equalTo(true))
                .body("contactQuality.phoneValid", equalTo(false))
                .body("contactQuality.roleMailbox", equalTo(true))
                .body("contactQuality.disposableEmail", equalTo(false))
                .body("contactQuality.placeholderName", equalTo(true))
                .body("contactQuality.companyMissing", equalTo(true))
                .body("contactQuality.issues", equalTo(4))
                .body("score.explanation.contact.issues", equalTo(4));
    }

    @Test
    void routingRulesAndScoringModelsCanUseContactQuality() {
        String bad = Api.routedQueue("pull", Map.of());
        String good = Api.routedQueue("pull", Map.of());
        given().contentType(ContentType.JSON).body(Map.of("defaultQueueId", good, "rules", List.of(
                        Map.of("name", "unreachable", "queueId", bad, "when", Map.of("any", List.of(
                                Map.of("field", "contact.disposableEmail", "op", "equals", "value", true),
                                Map.of("field", "contact.issues", "op", "gte", "value", 3)))))))
                .put("/api/v1/routing/rules").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", "ann@mailinator.com", "firstName", "Ann", "company", "Acme"))
                .post("/api/v1/leads").then().statusCode(201).body("lead.queueId", equalTo(bad)).body("lead.routing.rule", equalTo("unreachable"));
        given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "firstName", "Ann", "company", "Acme",
                        "phone", "+4930901820", "country", "DE"))
                .post("/api/v1/leads").then().statusCode(201).body("lead.queueId", equalTo(good));

        Map<String, Object> model = Map.of("name", TestData.unique("contact"),
                "fit", Map.of("rules", List.of(Map.of("id", "reachable", "points", 50,
                        "when", Map.of("field", "contact.phoneValid", "op", "equals", "value", true)))),
                "engagement", Map.of("rules", List.of()));
        int version = given().contentType(ContentType.JSON).body(model).post("/api/v1/scoring/models").then().statusCode(201).extract().path("version");
        given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "phone", "+4930901820", "country", "DE"))
                .post("/api/v1/leads").then().statusCode(201).body("lead.score.fit", equalTo(50));
        given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail()))
                .post("/api/v1/leads").then().statusCode(201).body("lead.score.fit", equalTo(0));
    }
}
