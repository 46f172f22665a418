package io.leadhandoff.idempotency;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.leadhandoff.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
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
class IdempotencyTest {

    @Inject
    EntityManager em;

    private static Response post(String key, Object body) {
        return given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).when().post("/api/v1/leads");
    }

    @Test
    void replaysTheFirstAnswerForARetryWithTheSameKeyAndBody() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail(), "campaign", TestData.unique("c"));
        Response first = post(key, lead).then().statusCode(201).extract().response();
        Response retry = post(key, lead).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .extract().response();
        assertThat(retry.asString()).isEqualTo(first.asString());
        given().queryParam("campaign", lead.get("campaign")).get("/api/v1/leads").then().body("items", hasSize(1));
    }

    @Test
    void refusesTheSameKeyWithADifferentBody() {
        String key = TestData.unique("key");
        post(key, Map.of("email", TestData.uniqueEmail())).then().statusCode(201);
        post(key, Map.of("email", TestData.uniqueEmail())).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:idempotency-key-reuse"))
                .body("errors[0].header", equalTo("Idempotency-Key"));
    }

    @Test
    void answers409WhileTheFirstRequestIsInFlight() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        post(key, lead).then().statusCode(201);
        setState(key, IdempotencyRecord.IN_FLIGHT, Instant.now().plusSeconds(60));
        post(key, lead).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:idempotency-in-flight"));
    }

    @Test
    void takesOverAKeyWhoseFirstRequestDied() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        String id = post(key, lead).then().statusCode(201).extract().path("lead.id");
        setState(key, IdempotencyRecord.IN_FLIGHT, Instant.now().minusSeconds(1));
        post(key, lead).then().statusCode(200).body("outcome", equalTo("merged")).body("lead.id", equalTo(id));
    }

    @Test
    void replaysAClientErrorToo() {
        String key = TestData.unique("key");
        post(key, Map.of("email", "not-an-email")).then().statusCode(422);
        // validation failures are answered before the key is taken: the key stays free for a corrected request
        post(key, Map.of("email", TestData.uniqueEmail())).then().statusCode(201);
    }

    @Test
    void scopesKeysPerEndpointBody() {
        String key = TestData.unique("key");
        post(key, Map.of("email", TestData.uniqueEmail())).then().statusCode(201);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(List.of(Map.of("email", TestData.uniqueEmail())))
                .when().post("/api/v1/leads/batch").then().statusCode(422);
    }

    @Test
    void replaysABatch() {
        String key = TestData.unique("key");
        List<Object> leads = List.of(Map.of("email", TestData.uniqueEmail()), Map.of("email", "bad"));
        String first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("leads", leads))
                .when().post("/api/v1/leads/batch").then().statusCode(200).extract().asString();
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("leads", leads))
                .when().post("/api/v1/leads/batch").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body(equalTo(first));
    }

    @Test
    void rejectsAnOverlongKey() {
        post("k".repeat(256), Map.of("email", TestData.uniqueEmail())).then().statusCode(422)
                .body("errors[0].header", equalTo("Idempotency-Key"));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneLead() throws Exception {
        String key = TestData.unique("key");
        String campaign = TestData.unique("race");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail(), "campaign", campaign);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(key, lead));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertThat(r.statusCode()).isIn(201, 409);
                if (r.statusCode() == 201) {
                    created++;
                    ids.add(r.path("lead.id"));
                }
            }
            assertThat(created).isGreaterThanOrEqualTo(1);
            assertThat(ids).hasSize(1);
            given().queryParam("campaign", campaign).get("/api/v1/leads").then().body("items", hasSize(1));
            given().queryParam("campaign", campaign).get("/api/v1/leads").then().body("items[0].touches", equalTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    private void setState(String key, String state, Instant lockedUntil) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                        "update IdempotencyRecord r set r.state = :state, r.lockedUntil = :until where r.id.idemKey = :key")
                .setParameter("state", state).setParameter("until", lockedUntil).setParameter("key", key)
                .executeUpdate());
    }
}
