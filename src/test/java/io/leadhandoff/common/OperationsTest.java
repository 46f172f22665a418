package io.leadhandoff.common;

import static io.leadhandoff.Api.given;
import static io.leadhandoff.Api.management;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void isLive() {
        management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWhenTheDatabaseAnswers() {
        management().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("database")));
    }

    @Test
    void exposesDomainMetricsWithBoundedLabels() {
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("email", io.leadhandoff.TestData.uniqueEmail(), "source", "hubspot"))
                .post("/api/v1/leads").then().statusCode(201);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("email", io.leadhandoff.TestData.uniqueEmail(), "source", io.leadhandoff.TestData.unique("made-up")))
                .post("/api/v1/leads").then().statusCode(201);
        String metrics = management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("leadhandoff_leads_received_total{result=\"created\",source=\"hubspot\"}")
                .contains("leadhandoff_leads_received_total{result=\"created\",source=\"other\"}")
                .contains("leadhandoff_intake_duration_seconds_bucket")
                .contains("leadhandoff_routing_decisions_total")
                .contains("leadhandoff_scoring_model_version")
                .doesNotContain("made-up");
    }

    @Test
    void servesOperationsOnTheManagementPortOnly() {
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/api/v1/leads").then().statusCode(200);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/leads\""));
    }
}
