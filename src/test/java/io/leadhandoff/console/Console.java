package io.leadhandoff.console;

import static io.leadhandoff.Api.given;

import io.leadhandoff.TestData;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** The console calls and seed data the console tests need, spelled once. */
final class Console {

    private Console() {
    }

    /** A queue of its own with one member, and an account domain whose leads route to it (no shared rule set touched). */
    record RoutedQueue(String queueId, String domain, String rep) {
        String email() {
            return TestData.unique("p").toLowerCase() + "@" + domain;
        }
    }

    static RoutedQueue routedQueue() {
        String id = TestData.unique("cq").toLowerCase();
        String rep = TestData.unique("rep");
        String domain = TestData.unique("acct").toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", "Console " + id)).post("/api/v1/queues").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("maxOpen", 10)).put("/api/v1/queues/" + id + "/members/" + rep).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", rep, "queueId", id, "name", "Acme"))
                .put("/api/v1/accounts/" + domain).then().statusCode(200);
        return new RoutedQueue(id, domain, rep);
    }

    /** Signs in through the form; returns the session cookie's value. */
    static String signIn(String apiKey) {
        return RestAssured.given().redirects().follow(false).formParam("apiKey", apiKey).post("/console/session")
                .then().statusCode(303).extract().cookie(ConsoleAuth.COOKIE);
    }

    static Response page(String session, String path) {
        return RestAssured.given().redirects().follow(false).cookie(ConsoleAuth.COOKIE, session).get(path);
    }
}
