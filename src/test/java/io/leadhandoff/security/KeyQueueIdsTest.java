package io.leadhandoff.security;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 32, item 6: a key's queues are ids of existing queues, one per item, stored as the queues spell them. */
@QuarkusTest
class KeyQueueIdsTest {

    private static Response create(List<String> queues) {
        return given().contentType(ContentType.JSON).body(Map.of("name", TestData.unique("k"), "scopes", List.of("leads:read"), "queues", queues))
                .post("/api/v1/api-keys");
    }

    private static String queue() {
        String id = TestData.unique("kq").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", id)).post("/api/v1/queues").then().statusCode(201);
        return id;
    }

    @Test
    void listsWildcardsPathsAndUnknownQueuesAreRefusedNamingTheItem() {
        String qa = queue();
        String qb = queue();
        for (String bad : List.of(qa + "," + qb, "*", "../" + qb, qa + "/" + qb, " " + qa, TestData.unique("nope").toLowerCase())) {
            create(List.of(bad)).then().statusCode(422).contentType("application/problem+json").body("errors.pointer", hasItem("/queues/0"));
        }
        create(List.of(qa, "no-such-queue-" + TestData.unique("x").toLowerCase())).then().statusCode(422)
                .body("errors.pointer", contains("/queues/1")).body("errors.message[0]", equalTo("is not an existing queue"));
    }

    @Test
    void anotherSpellingOfAQueueIdIsRefusedNamingTheCanonicalId() {
        String qa = queue();
        create(List.of(qa.toUpperCase())).then().statusCode(422).body("errors.pointer", hasItem("/queues/0"))
                .body("errors.message[0]", containsString("\"" + qa + "\""));
    }

    @Test
    void theQueuesAreStoredOnceEachAsTheQueuesSpellThem() {
        String qa = queue();
        String qb = queue();
        String id = create(List.of(qa, qb, qa)).then().statusCode(201).body("apiKey.queues", contains(qa, qb)).extract().path("apiKey.id");
        given().get("/api/v1/api-keys/" + id).then().statusCode(200).body("queues", contains(qa, qb));
    }
}
