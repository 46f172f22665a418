package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, the answer is a precise problem+json 4xx, never a 500, and nothing is stored. */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse postRaw(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/leads").then();
    }

    private static ValidatableResponse expect422(String body, String pointer) {
        return postRaw(body).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:lead-handoff:problem:validation"))
                .body("errors.pointer", hasItem(pointer));
    }

    @Test
    void rejectsMissingEmail() {
        expect422("{\"firstName\":\"Ada\"}", "/email").body("errors[0].message", equalTo("is required"));
    }

    @Test
    void rejectsInvalidEmails() {
        for (String email : new String[] {"", "   ", "ada", "ada@", "@example.com", "ada@example", "a b@example.com",
                "ada@@example.com", "ada@exa mple.com", "a\u0001b@example.com"}) {
            expect422("{\"email\":" + quote(email) + "}", "/email");
        }
    }

    @Test
    void rejectsOverlongEmail() {
        expect422("{\"email\":\"" + "a".repeat(250) + "@example.com\"}", "/email");
    }

    @Test
    void rejectsWrongTypesNamingEachField() {
        postRaw("{\"email\":\"a@b.com\",\"employeeCount\":\"many\",\"annualRevenue\":true,\"utm\":\"x\",\"consent\":{\"marketing\":\"perhaps\"},"
                + "\"activity\":{\"pageViews\":1.5},\"attributes\":[1]}")
                .statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/employeeCount", "/annualRevenue", "/utm",
                        "/consent/marketing", "/activity/pageViews", "/attributes"));
    }

    @Test
    void rejectsNegativeNumbers() {
        postRaw("{\"email\":\"a@b.com\",\"employeeCount\":-1,\"annualRevenue\":-5,\"activity\":{\"emailClicks\":-2}}")
                .statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/employeeCount", "/annualRevenue", "/activity/emailClicks"));
    }

    @Test
    void rejectsHugeNumbers() {
        expect422("{\"email\":\"a@b.com\",\"employeeCount\":1e30}", "/employeeCount");
        expect422("{\"email\":\"a@b.com\",\"employeeCount\":99999999999999999999999}", "/employeeCount");
        expect422("{\"email\":\"a@b.com\",\"annualRevenue\":1e300}", "/annualRevenue");
    }

    @Test
    void rejectsHugeStrings() {
        expect422("{\"email\":\"a@b.com\",\"company\":\"" + "x".repeat(100_000) + "\"}", "/company");
    }

    @Test
    void rejectsTooManyOrStructuredAttributes() {
        StringBuilder many = new StringBuilder("{\"email\":\"a@b.com\",\"attributes\":{");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        expect422(many.append("}}").toString(), "/attributes");
        expect422("{\"email\":\"a@b.com\",\"attributes\":{\"nested\":{\"a\":1}}}", "/attributes/nested");
        expect422("{\"email\":\"a@b.com\",\"attributes\":{\"long\":\"" + "y".repeat(501) + "\"}}", "/attributes/long");
    }

    @Test
    void rejectsTimestampsNoDatabaseCanStore() {
        expect422("{\"email\":\"a@b.com\",\"consent\":{\"at\":\"+99999-01-01T00:00:00Z\"}}", "/consent/at");
        expect422("{\"email\":\"a@b.com\",\"activity\":{\"lastActivityAt\":\"0001-01-01T00:00:00Z\"}}", "/activity/lastActivityAt");
        given().queryParam("updatedSince", "+99999-01-01T00:00:00Z").when().get("/api/v1/leads")
                .then().statusCode(422).body("errors[0].parameter", equalTo("updatedSince"));
    }

    @Test
    void rejectsServerOwnedFieldsByName() {
        postRaw("{\"email\":\"a@b.com\",\"id\":\"x\",\"status\":\"won\",\"score\":99,\"queue\":\"vip\",\"owner\":\"rep-1\",\"createdAt\":\"2020-01-01T00:00:00Z\"}")
                .statusCode(422)
                .body("errors", hasSize(6))
                .body("errors.message", org.hamcrest.Matchers.everyItem(equalTo("is set by the server and cannot be sent")));
    }

    @Test
    void rejectsUnknownFields() {
        expect422("{\"email\":\"a@b.com\",\"favouriteColour\":\"blue\"}", "/favouriteColour")
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        expect422("[{\"email\":\"a@b.com\"}]", "");
        expect422("\"a@b.com\"", "");
        expect422("42", "");
        expect422("null", "");
    }

    @Test
    void rejectsAnEmptyBodyAsMalformed() {
        given().contentType(ContentType.JSON).when().post("/api/v1/leads")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:lead-handoff:problem:malformed-json"));
    }

    @Test
    void rejectsMalformedJson() {
        for (String body : new String[] {"{", "{\"email\":", "{'email':'a@b.com'}", "{\"email\":\"a@b.com\"} trailing", "{\"email\":\"a@b.com\",}"}) {
            postRaw(body).statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:lead-handoff:problem:malformed-json"))
                    .body("detail", not(containsString("Exception")));
        }
    }

    @Test
    void rejectsNonUtf8Bytes() {
        byte[] body = {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '@', 'x', '.', 'c', 'o', '"', '}'};
        given().contentType("application/json").body(body).when().post("/api/v1/leads")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void rejectsDeeplyNestedJsonWithoutCrashing() {
        String deep = "{\"email\":\"a@b.com\",\"utm\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        postRaw(deep).statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(422))).contentType(PROBLEM);
    }

    @Test
    void rejectsAWrongContentType() {
        given().contentType("text/plain").body("email=a@b.com").when().post("/api/v1/leads")
                .then().statusCode(415).contentType(PROBLEM).body("type", equalTo("urn:lead-handoff:problem:unsupported-media-type"));
        given().contentType("application/x-www-form-urlencoded").formParam("email", "a@b.com").when().post("/api/v1/leads")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void rejectsABodyOverTwoMebibytes() {
        String big = "{\"email\":\"a@b.com\",\"company\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        postRaw(big).statusCode(413).contentType(PROBLEM).body("type", equalTo("urn:lead-handoff:problem:payload-too-large"));
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM);
        given().when().get("/no-such-thing").then().statusCode(404).contentType(PROBLEM);
        given().when().delete("/api/v1/leads").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void everyProblemCarriesTheRequestId() {
        given().header("X-Request-Id", "trace-abc-123").contentType(ContentType.JSON).body("{}").when().post("/api/v1/leads")
                .then().statusCode(422).header("X-Request-Id", "trace-abc-123").body("requestId", equalTo("trace-abc-123"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/leads")
                .then().statusCode(422).header("X-Request-Id", notNullValue()).body("requestId", notNullValue());
    }

    @Test
    void storesNothingForARejectedLead() {
        String campaign = TestData.unique("rejected");
        postRaw("{\"email\":\"not-an-email\",\"campaign\":\"" + campaign + "\"}").statusCode(422);
        given().queryParam("campaign", campaign).when().get("/api/v1/leads").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void reportsOnlyTheFieldsThatAreWrong() {
        postRaw("{\"email\":\"" + TestData.uniqueEmail() + "\",\"firstName\":\"" + "n".repeat(101) + "\"}")
                .statusCode(422).body("errors", hasSize(1)).body("errors[0].pointer", equalTo("/firstName"));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
