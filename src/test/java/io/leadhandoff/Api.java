package io.leadhandoff;

import io.leadhandoff.contract.ContractFilter;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The API calls many tests need, spelled once. */
public final class Api {

    public static final String DEFAULT_RULES = "{\"minScore\":0,\"defaultQueueId\":\"inbound\",\"rules\":[]}";

    /** The bootstrap admin key of the test profile (application.properties). */
    public static final String ADMIN_KEY = "test-admin-key-only-for-the-test-suite";

    private Api() {
    }

    /** A request with the admin key; tests of authentication itself use {@link RestAssured#given()}. */
    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    /**
     * A request to the management interface (/q/*: health, metrics, OpenAPI), on its own port: the test profile
     * takes a free one, which Quarkus reports back as {@code quarkus.management.test-port} once it listens.
     */
    public static RequestSpecification management() {
        return RestAssured.given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    /**
     * A request with the admin key that the test knows lies outside openapi/openapi.yaml and expects the service to
     * accept all the same ({@link ContractFilter} skips its request check; the answer is still checked). Say why.
     */
    public static RequestSpecification uncheckedRequest(String why) {
        return given().header(ContractFilter.UNCHECKED_REQUEST, why);
    }

    /** A request with this API key. */
    public static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key);
    }

    /** A fresh queue that receives every new lead (until {@link #restoreDefaultRules()}), with these members. */
    public static String routedQueue(String mode, Map<String, Object> settings, String... reps) {
        String id = TestData.unique("w").toLowerCase();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", id, "assignmentMode", mode));
        body.putAll(settings);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/queues").then().statusCode(201);
        for (String rep : reps) {
            given().contentType(ContentType.JSON).body(Map.of()).put("/api/v1/queues/" + id + "/members/" + rep).then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body("{\"defaultQueueId\":\"" + id + "\",\"rules\":[]}")
                .put("/api/v1/routing/rules").then().statusCode(200);
        return id;
    }

    public static void restoreDefaultRules() {
        given().contentType(ContentType.JSON).body(DEFAULT_RULES).put("/api/v1/routing/rules").then().statusCode(200);
    }

    /** Posts a lead that must be created; returns its id. */
    public static String ingest(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead).post("/api/v1/leads").then().statusCode(201).extract().path("lead.id");
    }

    public static Response claim(String queue, String rep, int count, Integer leaseSeconds) {
        Map<String, Object> body = new HashMap<>(Map.of("repId", rep, "count", count));
        if (leaseSeconds != null) {
            body.put("leaseSeconds", leaseSeconds);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/queues/" + queue + "/claims");
    }

    /** Creates an API key with these settings; returns the key itself. */
    public static String apiKey(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("name", TestData.unique("key")));
        body.putAll(settings);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    public static Response feedback(String leadId, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/leads/" + leadId + "/feedback");
    }
}
