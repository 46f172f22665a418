package io.leadhandoff.security;

import static io.leadhandoff.Api.given;

import io.leadhandoff.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap admin key retires once an admin key exists (the suite's other tests keep it, as
 * {@code keep-bootstrap-key} allows). Each test revokes the keys it made, so the bootstrap key works again for the next.
 */
@QuarkusTest
@TestProfile(BootstrapKeyTest.Retiring.class)
class BootstrapKeyTest {

    public static class Retiring implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lead-handoff.security.keep-bootstrap-key", "false");
        }
    }

    @Test
    void isRefusedOnceAnAdminKeyExists() {
        Response admin = create(List.of("admin"));
        try {
            given().get("/api/v1/api-keys").then().statusCode(401);
            Api.as(admin.path("key")).get("/api/v1/api-keys").then().statusCode(200);
        } finally {
            Api.as(admin.path("key")).delete("/api/v1/api-keys/" + admin.path("apiKey.id")).then().statusCode(204);
        }
    }

    @Test
    void worksAgainWhenEveryAdminKeyIsRevoked() {
        Response admin = create(List.of("admin"));
        Api.as(admin.path("key")).delete("/api/v1/api-keys/" + admin.path("apiKey.id")).then().statusCode(204);

        given().get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void keysWithoutAdminDoNotRetireIt() {
        Response reader = create(List.of("leads:read", "reports:read"));

        given().get("/api/v1/api-keys").then().statusCode(200);
        given().delete("/api/v1/api-keys/" + reader.path("apiKey.id")).then().statusCode(204);
    }

    private static Response create(List<String> scopes) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "real key", "scopes", scopes))
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
    }
}
