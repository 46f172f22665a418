package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

    @Inject
    EntityManager em;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    private long count(String sql, String value) {
        return ((Number) em.createNativeQuery(sql).setParameter("v", value).getSingleResult()).longValue();
    }

    @Test
    void deleteErasesPersonalDataButKeepsWhatReportsCount() {
        String source = TestData.unique("erasesrc").toLowerCase();
        String email = TestData.uniqueEmail();
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", TestData.unique("k"))
                .body("""
                        {"email": " %s", "firstName": "Ada", "lastName": "Lovelace", "phone": "+44 20 7946 0958",
                         "title": "VP Engineering", "company": "Analytical Engines", "country": "United Kingdom", "city": "London",
                         "source": "%s", "externalId": "crm-1", "attributes": {"favouriteColour": "green"}}""".formatted(email.toUpperCase(), source))
                .post("/api/v1/leads").then().statusCode(201).extract().path("lead.id");
        String token = Api.claim(q, rep, 1, 300).then().extract().path("claimed[0].leaseToken");
        Api.feedback(id, Map.of("outcome", "REJECTED", "reason", "NOT_A_FIT", "note", "Ada said she is a student", "repId", rep,
                "leaseToken", token)).then().statusCode(200);

        given().delete("/api/v1/leads/" + id).then().statusCode(204);

        given().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("status", equalTo("erased")).body("erasedAt", notNullValue())
                .body("email", nullValue()).body("firstName", nullValue()).body("lastName", nullValue()).body("phone", nullValue())
                .body("title", nullValue()).body("city", nullValue()).body("externalId", nullValue()).body("raw", nullValue())
                .body("attributes.size()", equalTo(0))
                .body("company", equalTo("Analytical Engines")).body("country", equalTo("GB")).body("source", equalTo(source))
                .body("score.total", notNullValue());
        JsonPath history = given().get("/api/v1/leads/" + id + "/history?limit=200").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.type")).last().isEqualTo("lead.erased");
        assertThat(history.prettify()).doesNotContain("student").doesNotContain(email);
        assertThat(count("select count(*) from idempotency_record where response_body like concat('%', :v, '%')", id)).isZero();
        assertThat(count("select count(*) from lead_feedback where lead_id = :v and note is not null", id)).isZero();
        assertThat(count("select count(*) from lead where email = :v or email_raw like concat('%', :v, '%')", email)).isZero();
        // the report still counts it, as rejected
        given().queryParam("groupBy", "source").get("/api/v1/reports/lead-quality").then().statusCode(200)
                .body("rows.find { it.group == '" + source + "' }.received", equalTo(1))
                .body("rows.find { it.group == '" + source + "' }.rejected", equalTo(1));
        // erasure is on the feed and in the audit log; repeating it is harmless
        assertThat(given().queryParam("target", "lead:" + id).get("/api/v1/audit").jsonPath().getList("items.action")).containsExactly("lead.erased");
        given().delete("/api/v1/leads/" + id).then().statusCode(204);
        given().delete("/api/v1/leads/" + TestData.unique("none")).then().statusCode(404);
    }

    @Test
    void anErasedDisqualifiedLeadStillCountsAsDisqualified() {
        String source = TestData.unique("dq").toLowerCase();
        given().contentType(ContentType.JSON).body("{\"minScore\":100,\"defaultQueueId\":\"inbound\",\"rules\":[]}")
                .put("/api/v1/routing/rules").then().statusCode(200);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "title", "Student"));
        given().get("/api/v1/leads/" + id).then().body("status", equalTo("disqualified"));
        given().delete("/api/v1/leads/" + id).then().statusCode(204);
        given().queryParam("groupBy", "source").get("/api/v1/reports/lead-quality").then().statusCode(200)
                .body("rows.find { it.group == '" + source + "' }.received", equalTo(1))
                .body("rows.find { it.group == '" + source + "' }.disqualified", equalTo(1));
    }

    @Test
    void erasureByEmailReachesEveryLeadWithThatAddress() {
        String email = TestData.uniqueEmail();
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String first = Api.ingest(Map.of("email", email, "firstName", "Grace"));
        String token = Api.claim(q, rep, 1, 300).then().extract().path("claimed[0].leaseToken");
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING", "repId", rep, "leaseToken", token)).then().statusCode(200);
        String second = Api.ingest(Map.of("email", email, "firstName", "Grace"));
        assertThat(second).isNotEqualTo(first);

        List<String> erased = given().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase()))
                .post("/api/v1/privacy/erasures").then().statusCode(200).extract().jsonPath().getList("erasedLeadIds");
        assertThat(erased).containsExactlyInAnyOrder(first, second);
        given().get("/api/v1/leads/" + first).then().body("firstName", nullValue()).body("status", equalTo("erased"));
        given().get("/api/v1/leads/" + second).then().body("firstName", nullValue()).body("status", equalTo("erased"));
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/privacy/erasures").then().statusCode(200)
                .body("erasedLeadIds.size()", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-email")).post("/api/v1/privacy/erasures").then().statusCode(422);
    }
}
