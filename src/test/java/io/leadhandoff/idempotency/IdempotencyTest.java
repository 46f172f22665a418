package io.leadhandoff.idempotency;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.leadhandoff.common.RequestConfig;
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
    TestClock clock;

    @Inject
    EntityManager em;

    @Inject
    IdempotencyStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    RequestConfig config;

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
        setState(key, IdempotencyRecord.IN_FLIGHT, clock.instant().plusSeconds(60));
        post(key, lead).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:lead-handoff:problem:idempotency-in-flight"));
    }

    @Test
    void takesOverAKeyWhoseFirstRequestDied() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        String id = post(key, lead).then().statusCode(201).extract().path("lead.id");
        setState(key, IdempotencyRecord.IN_FLIGHT, clock.instant().minusSeconds(1));
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

    @Test
    void aBatchRetriedAfterItsAttemptDiedResumesAfterTheChunksItApplied() {
        String campaign = TestData.unique("resume");
        List<Object> leads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            leads.add(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
        }
        // the dead attempt applied the first chunk (250 leads) and recorded its results, then its replica died
        String firstChunkKey = TestData.unique("key");
        List<Map<String, Object>> applied = given().header("Idempotency-Key", firstChunkKey).contentType(ContentType.JSON)
                .body(Map.of("leads", leads.subList(0, 250))).when().post("/api/v1/leads/batch")
                .then().statusCode(200).extract().path("results");
        String caller = (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select caller from idempotency_record where idem_key = ?1").setParameter(1, firstChunkKey).getSingleResult());
        String key = TestData.unique("key");
        List<JsonNode> body = leads.stream().map(l -> (JsonNode) mapper.valueToTree(l)).toList();
        Instant started = clock.instant().minusSeconds(120);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into idempotency_record (caller, idem_key, owner, request_hash, state, created_at, "
                            + "locked_until, expires_at) values (?1, ?2, 'dead-attempt', ?3, 'IN_FLIGHT', ?4, ?5, ?6)")
                    .setParameter(1, caller).setParameter(2, key)
                    .setParameter(3, store.fingerprint("POST", "/api/v1/leads/batch", body))
                    .setParameter(4, started).setParameter(5, started.plusSeconds(15)).setParameter(6, started.plusSeconds(86_400))
                    .executeUpdate();
            em.createNativeQuery("insert into idempotency_progress (caller, idem_key, first_item, results) values (?1, ?2, 0, ?3)")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, json(applied)).executeUpdate();
        });

        Response retry = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("leads", leads))
                .when().post("/api/v1/leads/batch").then().statusCode(200).extract().response();
        assertThat(retry.<Integer>path("summary.created")).isEqualTo(300);
        assertThat(retry.<List<String>>path("results.leadId").subList(0, 250))
                .containsExactlyElementsOf(applied.stream().map(r -> (String) r.get("leadId")).toList());
        given().queryParam("campaign", campaign).queryParam("limit", 200).get("/api/v1/leads").then()
                .body("items.touches", org.hamcrest.Matchers.everyItem(equalTo(1)));
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("leads", leads))
                .when().post("/api/v1/leads/batch").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("summary.created", equalTo(300));
    }

    @Test
    void aKeyIsHeldForTheDeadlinePlusTheTakeoverMarginAndA409SaysWhenToComeBack() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        post(key, lead).then().statusCode(201);
        Object[] window = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select created_at, locked_until from idempotency_record where idem_key = ?1").setParameter(1, key).getSingleResult());
        java.time.Duration held = java.time.Duration.between(instant(window[0]), instant(window[1]));
        assertThat(held).isEqualTo(config.deadline().plus(config.takeoverMargin()));

    }

    @Test
    void whileTheHolderIsWithinItsDeadlineA409AsksForARetryInASecond() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        post(key, lead).then().statusCode(201);
        setState(key, IdempotencyRecord.IN_FLIGHT, clock.instant().plus(config.deadline()).plus(config.takeoverMargin()));
        post(key, lead).then().statusCode(409).header("Retry-After", "1")
                .body("type", equalTo("urn:lead-handoff:problem:idempotency-in-flight"));
    }

    @Test
    void onceTheHolderIsPastItsDeadlineA409SaysWhenItsKeyCanBeTakenOver() {
        String key = TestData.unique("key");
        Map<String, Object> lead = Map.of("email", TestData.uniqueEmail());
        post(key, lead).then().statusCode(201);
        setState(key, IdempotencyRecord.IN_FLIGHT, clock.instant().plus(config.deadline()).plus(config.takeoverMargin()));
        clock.advance(config.deadline().plusSeconds(1));
        post(key, lead).then().statusCode(409).header("Retry-After", String.valueOf(config.takeoverMargin().toSeconds() - 1));
        clock.advance(config.takeoverMargin());
        post(key, lead).then().statusCode(200).body("outcome", equalTo("merged"));
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant()
                : value instanceof java.time.LocalDateTime l ? l.toInstant(java.time.ZoneOffset.UTC) : (Instant) value;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setState(String key, String state, Instant lockedUntil) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                        "update IdempotencyRecord r set r.state = :state, r.lockedUntil = :until where r.id.idemKey = :key")
                .setParameter("state", state).setParameter("until", lockedUntil).setParameter("key", key)
                .executeUpdate());
    }
}
