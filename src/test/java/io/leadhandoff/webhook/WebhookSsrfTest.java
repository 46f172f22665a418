package io.leadhandoff.webhook;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Destinations that would reach into the service's own network are refused (the test profile allows 127.0.0.1 only). */
@QuarkusTest
class WebhookSsrfTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.2/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook", "https://localhost/hook", "https://192.168.1.10/hook", "https://[fd00:ec2::254]/hook",
            "https://0.0.0.0/hook"})
    void privateDestinationsAreRefused(String url) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("lead.created")))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/url")).body("errors[0].message", containsString("allowed-hosts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/hook", "ftp://127.0.0.1/hook", "/relative", "https://user:pw@hooks.example.com/x"})
    void nonHttpsOrOddUrlsAreRefused(String url) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("lead.created")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].pointer", equalTo("/url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.2/hook", "https://10.0.0.1/hook"})
    void aChangedUrlIsCheckedToo(String url) {
        String id = given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("lead.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
        given().contentType(ContentType.JSON).body(Map.of("url", url)).patch("/api/v1/webhooks/" + id).then().statusCode(422);
        given().delete("/api/v1/webhooks/" + id).then().statusCode(204);
    }
}
