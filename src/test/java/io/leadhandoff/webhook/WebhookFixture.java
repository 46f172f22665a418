package io.leadhandoff.webhook;

import static io.leadhandoff.Api.given;
import static org.awaitility.Awaitility.await;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Subscriptions and leads of one test, removed afterwards (a subscription left behind would be delivered for by later passes). */
final class WebhookFixture {

    final String source = TestData.unique("wh").toLowerCase();
    private final List<String> subscriptions = new ArrayList<>();
    private final Deliveries deliveries;

    WebhookFixture(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A subscription to this test's leads; returns {id, secret}. */
    String[] subscribe(String url, List<String> types, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "eventTypes", types, "sources", List.of(source)));
        body.putAll(more);
        JsonPath created = given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
        subscriptions.add(created.getString("webhook.id"));
        return new String[] {created.getString("webhook.id"), created.getString("secret")};
    }

    String lead() {
        return Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "company", "Analytical Engines",
                "firstName", "Ada", "lastName", "Lovelace"));
    }

    JsonPath webhook(String id) {
        return given().get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Runs delivery passes until {@code check} holds (bounded). */
    void deliverUntil(Runnable check) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            deliveries.pass();
            check.run();
        });
    }

    void pass() {
        deliveries.pass();
    }

    void forEachSubscription(Consumer<String> action) {
        subscriptions.forEach(action);
    }

    void cleanUp() {
        for (String id : subscriptions) {
            given().delete("/api/v1/webhooks/" + id);
        }
    }
}
