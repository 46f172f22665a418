package io.leadhandoff.ops;

import static io.leadhandoff.Api.given;
import static io.leadhandoff.Api.management;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.TestData;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A database outage on MariaDB/MySQL (the database is reached through a proxy the test cuts): requests
 * fail fast with 503 + Retry-After, never 500; readiness goes DOWN while liveness stays UP; the
 * service recovers by itself; every lead acknowledged with a 2xx before, during or after is stored.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughProxy.class)
@EnabledIfSystemProperty(named = "test.db", matches = "mysql")
class DatabaseOutageTest {

    static TcpProxy proxy;

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxyResource.class));
        }
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                proxy = new TcpProxy(3306);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:mysql://127.0.0.1:" + proxy.port() + "/test?connectTimeout=2000&socketTimeout=5000",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // test over
            }
        }
    }

    private static Response post(String campaign) {
        return given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail(), "campaign", campaign))
                .post("/api/v1/leads");
    }

    @Test
    void survivesAnOutageWithoutLosingAnAcknowledgedLead() {
        String campaign = TestData.unique("outage");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acknowledged.add(post(campaign).then().statusCode(201).extract().path("lead.id"));
        }

        proxy.cut();
        int unavailable = 0;
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            Response r = post(campaign);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(r.statusCode()).as("during the outage").isIn(201, 503);
            if (r.statusCode() == 503) {
                unavailable++;
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.asString()).doesNotContain("Exception").doesNotContain("jdbc");
            } else {
                acknowledged.add(r.path("lead.id"));
            }
        }
        assertThat(unavailable).isPositive();
        management().get("/q/health/ready").then().statusCode(503);
        management().get("/q/health/live").then().statusCode(200);

        proxy.restore();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> management().get("/q/health/ready").statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response r = post(campaign);
            assertThat(r.statusCode()).isIn(201, 503);
            if (r.statusCode() == 201) {
                acknowledged.add(r.path("lead.id"));
            }
            return r.statusCode() == 201;
        });
        for (int i = 0; i < 10; i++) {
            acknowledged.add(post(campaign).then().statusCode(201).extract().path("lead.id"));
        }
        for (String id : acknowledged) {
            given().get("/api/v1/leads/" + id).then().statusCode(200);
        }
        System.out.printf("database outage: %d leads acknowledged, %d answered 503 during the outage, 0 lost%n",
                acknowledged.size(), unavailable);
    }
}
