package io.leadhandoff.common;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operations that answer 204 carry no body, so no Accept header can make them fail: generated clients send
 * {@code Accept: application/problem+json} (the only media type such an operation documents), browsers send
 * text/html. Their errors are problem+json whatever the client accepts.
 */
@QuarkusTest
class NoContentNegotiationTest {

    /** Each 204 operation of the document, driven to success with the given Accept header. */
    private static final Map<String, Function<String, Response>> SUCCEED = plus(Map.of(
            "eraseLead", accept -> given().accept(accept).delete("/api/v1/leads/" + Api.ingest(Map.of("email", TestData.uniqueEmail()))),
            "releaseLead", NoContentNegotiationTest::release,
            "deleteQueue", accept -> given().accept(accept).delete("/api/v1/queues/" + queue()),
            "deleteQueueMember", accept -> {
                String q = queue();
                given().contentType(ContentType.JSON).body(Map.of()).put("/api/v1/queues/" + q + "/members/rep-x").then().statusCode(200);
                return given().accept(accept).delete("/api/v1/queues/" + q + "/members/rep-x");
            },
            "deleteAccount", accept -> {
                String domain = TestData.unique("acct").toLowerCase() + ".example";
                given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "owner-rep", "queueId", "inbound"))
                        .put("/api/v1/accounts/" + domain).then().statusCode(200);
                return given().accept(accept).delete("/api/v1/accounts/" + domain);
            },
            "deleteSource", accept -> {
                String id = TestData.unique("gen").toLowerCase();
                given().contentType(ContentType.JSON).body(Map.of("id", id, "kind", "hubspot", "name", "neg", "secrets", List.of("s3cret-s3cret-s3cret")))
                        .post("/api/v1/sources").then().statusCode(201);
                return given().accept(accept).delete("/api/v1/sources/" + id);
            },
            "clearChallengerModel", accept -> {
                Map<String, Object> model = Map.of("name", TestData.unique("challenger"), "fit", Map.of("rules", List.of()),
                        "engagement", Map.of("rules", List.of()));
                int version = given().contentType(ContentType.JSON).body(model).post("/api/v1/scoring/models").then().statusCode(201)
                        .extract().path("version");
                given().contentType(ContentType.JSON).body(Map.of("version", version)).put("/api/v1/scoring/challenger").then().statusCode(200);
                return given().accept(accept).delete("/api/v1/scoring/challenger");
            },
            "deleteSchedule", accept -> {
                String id = TestData.unique("sched").toLowerCase();
                given().contentType(ContentType.JSON).body(Map.of("id", id, "timeZone", "Europe/Berlin",
                        "weekly", Map.of("MONDAY", List.of(List.of("09:00", "17:00"))))).post("/api/v1/schedules").then().statusCode(201);
                return given().accept(accept).delete("/api/v1/schedules/" + id);
            },
            "deleteWebhook", accept -> {
                String id = given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/neg",
                        "eventTypes", List.of("lead.routed"), "sources", List.of(TestData.unique("nosuchsource"))))
                        .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
                return given().accept(accept).delete("/api/v1/webhooks/" + id);
            },
            "revokeApiKey", accept -> {
                String id = given().contentType(ContentType.JSON).body(Map.of("name", TestData.unique("key"), "scopes", List.of("leads:read")))
                        .post("/api/v1/api-keys").then().statusCode(201).extract().path("apiKey.id");
                return given().accept(accept).delete("/api/v1/api-keys/" + id);
            }), "deleteWriteback", accept -> {
                String id = TestData.unique("wb").toLowerCase();
                given().contentType(ContentType.JSON).body(Map.of("id", id, "kind", "hubspot", "name", "neg", "secrets", List.of("s3cret-s3cret-s3cret")))
                        .post("/api/v1/sources").then().statusCode(201);
                given().contentType(ContentType.JSON).body(Map.of("baseUrl", "http://127.0.0.1:9", "token", "pat-neg"))
                        .put("/api/v1/sources/" + id + "/writeback").then().statusCode(200);
                return given().accept(accept).delete("/api/v1/sources/" + id + "/writeback");
            });

    /** Each 204 operation driven to a 404. */
    private static final Map<String, Function<String, Response>> FAIL = plus(Map.of(
            "eraseLead", accept -> given().accept(accept).delete("/api/v1/leads/01NOSUCHLEAD0000000000000"),
            "releaseLead", accept -> given().accept(accept).contentType(ContentType.JSON).body(Map.of("leaseToken", "t"))
                    .post("/api/v1/leads/01NOSUCHLEAD0000000000000/release"),
            "deleteQueue", accept -> given().accept(accept).delete("/api/v1/queues/no-such-queue"),
            "deleteQueueMember", accept -> given().accept(accept).delete("/api/v1/queues/no-such-queue/members/rep-x"),
            "deleteAccount", accept -> given().accept(accept).delete("/api/v1/accounts/no-such-account.example"),
            "deleteSource", accept -> given().accept(accept).delete("/api/v1/sources/no-such-source"),
            "revokeApiKey", accept -> given().accept(accept).delete("/api/v1/api-keys/no-such-key"),
            "deleteSchedule", accept -> given().accept(accept).delete("/api/v1/schedules/no-such-schedule"),
            "deleteWebhook", accept -> given().accept(accept).delete("/api/v1/webhooks/no-such-webhook"),
            "clearChallengerModel", accept -> {
                given().delete("/api/v1/scoring/challenger");
                return given().accept(accept).delete("/api/v1/scoring/challenger");
            }), "deleteWriteback", accept -> given().accept(accept).delete("/api/v1/sources/no-such-source/writeback"));

    /** {@code Map.of} stops at ten entries. */
    private static Map<String, Function<String, Response>> plus(Map<String, Function<String, Response>> ten, String name,
                                                                Function<String, Response> call) {
        Map<String, Function<String, Response>> all = new java.util.HashMap<>(ten);
        all.put(name, call);
        return Map.copyOf(all);
    }

    @AfterEach
    void restoreRules() {
        Api.restoreDefaultRules();
    }

    @Test
    void everyOperationAnswering204IsCoveredHere() {
        Map<String, Object> paths = Api.management().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        TreeSet<String> noContent = new TreeSet<>();
        paths.values().forEach(item -> ((Map<?, ?>) item).values().forEach(op -> {
            if (op instanceof Map<?, ?> operation && operation.get("responses") instanceof Map<?, ?> responses
                    && responses.containsKey("204")) {
                noContent.add((String) operation.get("operationId"));
            }
        }));
        assertThat(noContent).isEqualTo(new TreeSet<>(SUCCEED.keySet())).isEqualTo(new TreeSet<>(FAIL.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json", "text/html", "*/*"})
    void answers204WhateverTheClientAccepts(String accept) {
        SUCCEED.forEach((operation, call) -> assertThat(call.apply(accept).statusCode()).as(operation + " with Accept " + accept)
                .isEqualTo(204));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json", "application/json, application/problem+json"})
    void answersErrorsAsProblemJsonToClientsThatAcceptJson(String accept) {
        FAIL.forEach((operation, call) -> call.apply(accept).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:lead-handoff:problem:not-found")));
    }

    private static String queue() {
        String id = TestData.unique("neg").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", id)).post("/api/v1/queues").then().statusCode(201);
        return id;
    }

    private static Response release(String accept) {
        String q = Api.routedQueue("pull", new HashMap<>(), "rep-a");
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String token = Api.claim(q, "rep-a", 1, 60).then().statusCode(200).extract().path("claimed[0].leaseToken");
        Response response = given().accept(accept).contentType(ContentType.JSON).body(Map.of("leaseToken", token))
                .post("/api/v1/leads/" + id + "/release");
        response.then().body(emptyString());
        return response;
    }
}
