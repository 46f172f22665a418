package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.leadhandoff.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 14, item 6, through the API: one person is one open lead however the address is spelled. */
@QuarkusTest
class IdentityIntakeTest {

    @Test
    void theUnicodeAndPunycodeFormsOfADomainAreOneLead() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = Api.ingest(Map.of("email", "ada" + tag + "@müller" + tag + ".example"));
        given().get("/api/v1/leads/" + id).then().body("email", equalTo("ada" + tag + "@" + io.leadhandoff.common.Identity.domain("müller" + tag + ".example")));
        given().contentType(ContentType.JSON).body(Map.of("email", "ADA" + tag + "@" + io.leadhandoff.common.Identity.domain("müller" + tag + ".example")))
                .post("/api/v1/leads").then().statusCode(200).body("outcome", equalTo("merged")).body("lead.id", equalTo(id));
    }

    @Test
    void fullWidthAndTurkishCapitalsMergeIntoTheSameLead() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = Api.ingest(Map.of("email", "info" + tag + "@acme" + tag + ".example"));
        given().contentType(ContentType.JSON).body(Map.of("email", "İNFO" + tag + "@ACME" + tag + ".example"))
                .post("/api/v1/leads").then().statusCode(200).body("outcome", equalTo("merged")).body("lead.id", equalTo(id));
        given().contentType(ContentType.JSON).body(Map.of("email", "ｉｎｆｏ" + tag + "@acme" + tag + ".example"))
                .post("/api/v1/leads").then().statusCode(200).body("lead.id", equalTo(id));
    }

    @Test
    void anAddressMixingLatinAndCyrillicInOnePartIsRefused() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("email", "\u0430da" + tag + "@example.com")).post("/api/v1/leads").then()
                .statusCode(422).body("errors.pointer", hasItem("/email")).body("errors.message[0]", containsString("mixes scripts"));
        given().contentType(ContentType.JSON).body(Map.of("email", "ada" + tag + "@ex\u0430mple.com")).post("/api/v1/leads").then()
                .statusCode(422).body("errors.pointer", hasItem("/email"));
        given().contentType(ContentType.JSON).body(Map.of("email", "иван" + tag.replaceAll("[a-z]", "") + "@пример.рф")).post("/api/v1/leads").then()
                .statusCode(201);
    }
}
