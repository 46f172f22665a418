package io.leadhandoff.scoring;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScoringApiTest {

    private static final String TINY_MODEL = """
            {"name": "tiny %s",
             "fit": {"rules": [{"id": "vp", "group": "seniority", "points": 60, "when": {"field": "title", "op": "contains", "value": "vp"}},
                               {"id": "big", "points": 40, "when": {"field": "employeeCount", "op": "gte", "value": 1000}}]},
             "engagement": {"rules": [{"id": "forms", "points": 100, "when": {"field": "activity.formSubmissions", "op": "gte", "value": 1}}],
                            "halfLifeDays": 30},
             "weights": {"fit": 0.8, "engagement": 0.2}}""";

    private static Response postModel(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/v1/scoring/models");
    }

    @Test
    void scoresEveryIngestedLeadWithAnExplanation() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", TestData.uniqueEmail(), "title", "Chief Technology Officer", "employeeCount", 2500,
                        "country", "US", "industry", "Software", "company", "Acme",
                        "activity", Map.of("formSubmissions", 1, "webinarsAttended", 1)))
                .when().post("/api/v1/leads")
                .then().statusCode(201)
                .body("lead.status", equalTo("queued"))
                .body("lead.score.modelVersion", notNullValue())
                .body("lead.score.grade", equalTo("A"))
                .body("lead.score.total", greaterThan(50))
                .body("lead.score.explanation.fit.entries.rule", hasItem("title-executive"))
                .body("lead.score.explanation.total", notNullValue());
    }

    @Test
    void rescoresALeadWhenATouchIsMerged() {
        String email = TestData.uniqueEmail();
        Response first = given().contentType(ContentType.JSON).body(Map.of("email", email, "title", "VP Sales"))
                .post("/api/v1/leads").then().statusCode(201).extract().response();
        int before = first.path("lead.score.engagement");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "activity", Map.of("webinarsAttended", 1)))
                .post("/api/v1/leads").then().statusCode(200)
                .body("lead.score.engagement", greaterThan(before));
        given().get("/api/v1/leads/" + first.path("lead.id") + "/history").then()
                .body("items.type", equalTo(List.of("lead.created", "lead.scored", "lead.routed", "lead.merged", "lead.scored")));
    }

    @Test
    void shipsAnActiveDefaultModel() {
        given().when().get("/api/v1/scoring/models/1").then().statusCode(200)
                .body("origin", equalTo("default"))
                .body("model.fit.rules.id", hasItem("free-email"));
        given().when().get("/api/v1/scoring/models").then().statusCode(200).body("items.version", hasItem(1));
    }

    @Test
    void createsAnInactiveVersionAndPreviewsWithIt() {
        Response created = postModel(TINY_MODEL.formatted(TestData.unique("m"))).then().statusCode(201)
                .body("active", equalTo(false)).body("origin", equalTo("api")).extract().response();
        int version = created.path("version");
        assertThat(created.header("Location")).isEqualTo("/api/v1/scoring/models/" + version);

        given().contentType(ContentType.JSON).queryParam("version", version)
                .body(Map.of("email", "ada@example.com", "title", "VP Engineering", "employeeCount", 50,
                        "activity", Map.of("formSubmissions", 2)))
                .when().post("/api/v1/scoring/preview")
                .then().statusCode(200)
                .body("score.modelVersion", equalTo(version))
                .body("score.fit", equalTo(60))
                .body("score.engagement", equalTo(100))
                .body("score.total", equalTo(68))
                .body("score.grade", equalTo("B"))
                .body("facts.title", equalTo("VP Engineering"));
    }

    @Test
    void previewStoresNothing() {
        String campaign = TestData.unique("preview");
        given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "campaign", campaign))
                .post("/api/v1/scoring/preview").then().statusCode(200);
        given().queryParam("campaign", campaign).get("/api/v1/leads").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void activationSwitchesTheModelForTheNextLead() {
        int version = postModel(TINY_MODEL.formatted(TestData.unique("m"))).then().statusCode(201).extract().path("version");
        try {
            given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(200)
                    .body("active", equalTo(true)).body("activatedAt", notNullValue());
            given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "title", "VP Sales"))
                    .post("/api/v1/leads").then().statusCode(201)
                    .body("lead.score.modelVersion", equalTo(version))
                    .body("lead.score.fit", equalTo(60));
            given().get("/api/v1/scoring/models/1").then().body("active", equalTo(false));
        } finally {
            given().post("/api/v1/scoring/models/1/activate").then().statusCode(200);
        }
    }

    @Test
    void refusesAnInvalidModelPointingAtTheRule() {
        postModel("""
                {"name": "broken",
                 "fit": {"rules": [
                    {"id": "ok", "points": 10, "when": {"field": "title", "op": "exists"}},
                    {"id": "bad-field", "points": 10, "when": {"field": "jobTitle", "op": "exists"}},
                    {"id": "bad-op", "points": 10, "when": {"field": "title", "op": "resembles", "value": "x"}},
                    {"id": "bad-regex", "points": 10, "when": {"field": "title", "op": "matches", "value": "(vp"}},
                    {"id": "bad-type", "points": 10, "when": {"field": "employeeCount", "op": "contains", "value": "1"}},
                    {"id": "ok", "points": "ten", "when": {"field": "title", "op": "exists"}, "weight": 2}]},
                 "engagement": {"rules": []}}""")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/fit/rules/5/points", "/fit/rules/5/weight"));
        postModel("""
                {"name": "broken",
                 "fit": {"rules": [
                    {"id": "ok", "points": 10, "when": {"field": "title", "op": "exists"}},
                    {"id": "bad-field", "points": 10, "when": {"field": "jobTitle", "op": "exists"}},
                    {"id": "bad-op", "points": 10, "when": {"field": "title", "op": "resembles", "value": "x"}},
                    {"id": "bad-regex", "points": 10, "when": {"field": "title", "op": "matches", "value": "(vp"}},
                    {"id": "bad-type", "points": 10, "when": {"field": "employeeCount", "op": "contains", "value": "1"}},
                    {"id": "ok", "points": 5, "when": {"field": "score.total", "op": "gte", "value": 3}}]},
                 "engagement": {"rules": []}}""")
                .then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/fit/rules/1/when/field", "/fit/rules/2/when/op",
                        "/fit/rules/3/when/value", "/fit/rules/4/when/op", "/fit/rules/5/id", "/fit/rules/5/when/field"));
    }

    @Test
    void refusesAModelWithoutDimensions() {
        postModel("{\"name\": \"empty\"}").then().statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/fit", "/engagement"));
    }

    @Test
    void answers404ForAnUnknownVersion() {
        given().get("/api/v1/scoring/models/99999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/scoring/models/abc").then().statusCode(404);
        given().post("/api/v1/scoring/models/99999/activate").then().statusCode(404);
        given().contentType(ContentType.JSON).queryParam("version", 99999).body(Map.of("email", "a@b.com"))
                .post("/api/v1/scoring/preview").then().statusCode(404);
    }
}
