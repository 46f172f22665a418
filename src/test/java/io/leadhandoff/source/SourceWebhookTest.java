package io.leadhandoff.source;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.ForwardedFor;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tool's real payload shape, signed the tool's way in the test. */
@QuarkusTest
class SourceWebhookTest {

    @Inject
    TestClock clock;

    private static final String SECRET = "hs-client-secret-5b2d4d8e9f61";

    private static String source(String kind, Map<String, Object> settings) {
        String id = TestData.unique(kind.replace("-", "")).toLowerCase();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "kind", kind, "name", kind + " test", "secrets", List.of(SECRET)));
        body.putAll(settings);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/sources").then().statusCode(201);
        return id;
    }

    private static String path(String source) {
        return "/api/v1/sources/" + source + "/events";
    }

    private static String uri(String source) {
        return RestAssured.baseURI + ":" + RestAssured.port + path(source);
    }

    private static RequestSpecification hubspotV3(String source, String body, long timestampMillis, String secret) {
        String ts = Long.toString(timestampMillis);
        byte[] mac = Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                ("POST" + uri(source) + body + ts).getBytes(StandardCharsets.UTF_8));
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("X-HubSpot-Request-Timestamp", ts)
                .header("X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(mac));
    }

    private static String hubspotContact(String email, long vid) {
        return """
                {"vid": %d, "canonical-vid": %d, "portal-id": 62515, "is-contact": true,
                 "properties": {
                   "email": {"value": "%s", "versions": []},
                   "firstname": {"value": "Ada"}, "lastname": {"value": "Lovelace"},
                   "company": {"value": "Analytical Engines Ltd"}, "jobtitle": {"value": "VP Engineering"},
                   "numemployees": {"value": "500-1000"}, "country": {"value": "United Kingdom"},
                   "phone": {"value": "+44 20 7946 0958"}, "hs_analytics_num_page_views": {"value": "14"},
                   "lifecyclestage": {"value": "marketingqualifiedlead"}
                 },
                 "form-submissions": [], "identity-profiles": []}""".formatted(vid, vid, email);
    }

    @Test
    void hubspotContactSignedV3IsIngestedOnceAndItsReplayIsAcknowledged() {
        String src = source("hubspot", Map.of("leadSource", "hubspot"));
        String email = TestData.uniqueEmail();
        String body = hubspotContact(email, 90211);
        long now = clock.millis();
        String leadId = hubspotV3(src, body, now, SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("created"))
                .extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("email", equalTo(email)).body("title", equalTo("VP Engineering")).body("employeeCount", equalTo(500))
                .body("country", equalTo("GB")).body("externalId", equalTo("90211")).body("source", equalTo("hubspot"))
                .body("activity.pageViews", equalTo(14)).body("touches", equalTo(1));
        hubspotV3(src, body, now, SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("duplicate")).body("results[0].leadId", equalTo(leadId));
        given().get("/api/v1/leads/" + leadId).then().body("touches", equalTo(1));
    }

    @Test
    void hubspotRefusesWrongStaleOrMissingSignatures() {
        String src = source("hubspot", Map.of());
        String body = hubspotContact(TestData.uniqueEmail(), 1);
        hubspotV3(src, body, clock.millis(), "another-secret-entirely").post(path(src)).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Signature"));
        hubspotV3(src, body, clock.millis() - 6 * 60_000, SECRET).post(path(src)).then().statusCode(401)
                .body("detail", containsString("5 minutes"));
        RestAssured.given().contentType(ContentType.JSON).body(body).post(path(src)).then().statusCode(401);
        // a tampered body under a valid signature of the original
        String ts = Long.toString(clock.millis());
        byte[] mac = Signatures.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), ("POST" + uri(src) + body + ts).getBytes(StandardCharsets.UTF_8));
        RestAssured.given().contentType(ContentType.JSON).body(body.replace("Lovelace", "Byron"))
                .header("X-HubSpot-Request-Timestamp", ts).header("X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(mac))
                .post(path(src)).then().statusCode(401);
    }

    private static String hubspotV2Signature(String source, String body) {
        return HexFormat.of().formatHex(io.leadhandoff.security.Secrets.sha256((SECRET + "POST" + uri(source) + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hubspotFlatBodySignedV2IsAcceptedWhereTheSourceAllowsItAndItsReplayIsADuplicate() {
        String src = source("hubspot", Map.of("acceptV2Signatures", true));
        String email = TestData.uniqueEmail();
        String body = "{\"email\":\"" + email + "\",\"firstname\":\"Grace\",\"jobtitle\":\"CTO\",\"hs_object_id\":\"551\"}";
        String leadId = RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("X-HubSpot-Signature", hubspotV2Signature(src, body)).header("X-HubSpot-Signature-Version", "v2")
                .post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("created")).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("firstName", equalTo("Grace")).body("externalId", equalTo("551"))
                .body("source", equalTo(src));
        RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("X-HubSpot-Signature", hubspotV2Signature(src, body)).header("X-HubSpot-Signature-Version", "v2")
                .post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("duplicate"));
    }

    @Test
    void hubspotRefusesV2OnlyRequestsByDefaultSoStrippingV3DoesNotBypassTheReplayWindow() {
        String src = source("hubspot", Map.of());
        given().get("/api/v1/sources/" + src).then().body("acceptV2Signatures", equalTo(false));
        String body = "{\"email\":\"" + TestData.uniqueEmail() + "\",\"hs_object_id\":\"552\"}";
        long capturedAt = clock.millis() - 10 * 60_000;
        // the captured request carried both signatures; its v3 is stale
        hubspotV3(src, body, capturedAt, SECRET).header("X-HubSpot-Signature", hubspotV2Signature(src, body))
                .post(path(src)).then().statusCode(401).body("detail", containsString("5 minutes"));
        // replayed without the v3 headers
        RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("X-HubSpot-Signature", hubspotV2Signature(src, body)).header("X-HubSpot-Signature-Version", "v2")
                .post(path(src)).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("does not accept v2-only signatures"));
    }

    @Test
    void hubspotTouchOfALeadAnotherToolCreatedKeepsItsSourceAndAddsTheContactIdentity() {
        String src = source("hubspot", Map.of("leadSource", "hubspot"));
        String email = TestData.uniqueEmail();
        String leadId = given().contentType(ContentType.JSON).body(Map.of("email", email, "source", "webform", "country", "DE"))
                .post("/api/v1/leads").then().statusCode(201).extract().path("lead.id");
        String objectId = Long.toString(555_000_000L + new SecureRandom().nextInt(1_000_000));
        String touch = "{\"email\":\"" + email + "\",\"firstname\":\"Emmy\",\"phone\":\"030 1234567\",\"hs_object_id\":\"" + objectId + "\"}";
        hubspotV3(src, touch, clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("merged")).body("results[0].leadId", equalTo(leadId));
        given().get("/api/v1/leads/" + leadId).then()
                .body("source", equalTo("webform")).body("externalId", nullValue())
                .body("phone", equalTo("+49301234567")).body("firstName", equalTo("Emmy"));

        // HubSpot's later update of the contact, under a changed email, finds the lead by the contact id
        String update = "{\"email\":\"" + TestData.uniqueEmail() + "\",\"firstname\":\"Amalie\",\"hs_object_id\":\"" + objectId + "\"}";
        hubspotV3(src, update, clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("updated")).body("results[0].leadId", equalTo(leadId));

        // and so does its privacy deletion
        String deletion = "[{\"eventId\": " + objectId + ", \"subscriptionType\": \"contact.privacyDeletion\", \"objectId\": " + objectId
                + ", \"portalId\": 62515, \"occurredAt\": 1764324000000, \"attemptNumber\": 0}]";
        hubspotV3(src, deletion, clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("erased")).body("results[0].leadId", equalTo(leadId));
        given().get("/api/v1/leads/" + leadId).then().body("status", equalTo("erased")).body("email", nullValue())
                .body("source", equalTo("webform"));
    }

    @Test
    void hubspotPrivacyDeletionOfAnUnknownContactAnswersNotFound() {
        String src = source("hubspot", Map.of());
        long objectId = 990_000_000L + new SecureRandom().nextInt(1_000_000);
        String deletion = "[{\"eventId\": " + objectId + ", \"subscriptionType\": \"contact.privacyDeletion\", \"objectId\": " + objectId + "}]";
        hubspotV3(src, deletion, clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("not-found")).body("results[0].leadId", nullValue())
                .body("results[0].note", containsString(Long.toString(objectId)));
    }

    @Test
    void hubspotContactWithoutEmailIsA422NamingTheHubSpotField() {
        String src = source("hubspot", Map.of());
        String body = "{\"vid\": 5, \"properties\": {\"firstname\": {\"value\": \"Nobody\"}}}";
        hubspotV3(src, body, clock.millis(), SECRET).post(path(src)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/properties/email/value"));
    }

    @Test
    void hubspotPrivacyDeletionEventErasesTheContactsLead() {
        String src = source("hubspot", Map.of());
        String email = TestData.uniqueEmail();
        String leadId = hubspotV3(src, hubspotContact(email, 777001), clock.millis(), SECRET).post(path(src))
                .then().statusCode(200).extract().path("results[0].leadId");
        String batch = """
                [{"eventId": 100, "subscriptionId": 25, "portalId": 62515, "appId": 54321, "occurredAt": 1764324000000,
                  "subscriptionType": "contact.privacyDeletion", "attemptNumber": 0, "objectId": 777001, "changeSource": "GDPR"},
                 {"eventId": 101, "subscriptionId": 26, "portalId": 62515, "appId": 54321, "occurredAt": 1764324000000,
                  "subscriptionType": "contact.propertyChange", "attemptNumber": 0, "objectId": 777001,
                  "propertyName": "firstname", "propertyValue": "Augusta"}]""";
        hubspotV3(src, batch, clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .body("results[0].outcome", equalTo("erased")).body("results[0].leadId", equalTo(leadId))
                .body("results[1].outcome", equalTo("ignored"));
        given().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("status", equalTo("erased")).body("email", nullValue()).body("firstName", nullValue())
                .body("company", equalTo("Analytical Engines Ltd"));
    }

    @Test
    void hubspotOverItsRateLimitGetsRetryAfterInMilliseconds() {
        String src = source("hubspot", Map.of("ratePerSecond", 1, "burst", 1));
        hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 3), clock.millis(), SECRET).post(path(src)).then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"default\";q=1;w=1"));
        Response limited = hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 4), clock.millis(), SECRET).post(path(src));
        limited.then().statusCode(429).contentType("application/problem+json").header("RateLimit", containsString("r=0"));
        // the clock stands still: the one token of a 1-per-second bucket is back in exactly a second
        assertThat(Long.parseLong(limited.header("Retry-After"))).isEqualTo(1000L);
        assertThat(limited.jsonPath().getString("detail")).endsWith("retry after 1000 ms (Retry-After)");
    }

    @Test
    void deliveriesWithABadSignatureNeverSpendTheSourcesBudget() {
        // a budget that refills far slower than forged posts arrive: any forged post charged to it would show
        String src = source("hubspot", Map.of("ratePerSecond", 1, "burst", 200));
        String attacker = ForwardedFor.unique();
        int forged = 0;
        for (int status = 401; status == 401 && forged < 150; forged++) {
            status = hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 7), clock.millis(), "not-the-secret")
                    .header(ForwardedFor.HEADER, attacker).post(path(src)).statusCode();
            assertThat(status).isIn(401, 429);
        }
        assertThat(forged).as("forged posts until the forging address was cut off").isGreaterThan(20);
        hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 8), clock.millis(), SECRET)
                .header(ForwardedFor.HEADER, ForwardedFor.unique()).post(path(src))
                .then().statusCode(200).header("RateLimit", containsString("r=199;"));
    }

    @Test
    void deliveriesThatDoNotVerifyAreLimitedPerClientAddress() {
        String src = source("hubspot", Map.of());
        String attacker = ForwardedFor.unique();
        Response limited = null;
        for (int i = 0; i < 150 && limited == null; i++) {
            Response forged = hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 9), clock.millis(), "not-the-secret")
                    .header(ForwardedFor.HEADER, attacker).post(path(src));
            assertThat(forged.statusCode()).isIn(401, 429);
            limited = forged.statusCode() == 429 ? forged : null;
        }
        assertThat(limited).as("429 within 150 forged deliveries").isNotNull();
        limited.then().contentType("application/problem+json").header("Retry-After", notNullValue());
        hubspotV3(src, hubspotContact(TestData.uniqueEmail(), 11), clock.millis(), "not-the-secret")
                .header(ForwardedFor.HEADER, ForwardedFor.unique()).post(path(src)).then().statusCode(401);
    }

    @Test
    void marketoTemplatedBodyWithSharedSecretIsNeverRateLimited() {
        String src = source("marketo", Map.of("ratePerSecond", 1, "burst", 1, "eventIdPointer", "/eventId"));
        for (int i = 0; i < 3; i++) {
            String body = """
                    {"eventId": "%s", "email": "%s", "firstName": "Mary", "lastName": "Somerville", "company": "Royal Society",
                     "title": "Head of Research", "campaign": "mkto-webinar-q4", "utm": {"source": "marketo", "medium": "email"}}"""
                    .formatted(TestData.unique("mkto"), TestData.uniqueEmail());
            RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", SECRET).body(body)
                    .post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("created"));
        }
        RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", "wrong-secret-value-123")
                .body("{\"email\":\"" + TestData.uniqueEmail() + "\"}").post(path(src)).then().statusCode(401);
    }

    private static String mauticSignature(String body) {
        return Base64.getEncoder().encodeToString(Signatures.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mauticNewAndUpdatedContactsInOnePostAreBothProcessed() {
        String src = source("mautic", Map.of());
        String email = TestData.uniqueEmail();
        String other = TestData.uniqueEmail();
        String body = """
                {"mautic.lead_post_save_new": [{"contact": {"id": 4711, "points": 25, "fields": {
                    "core": {"email": {"id": "6", "label": "Email", "alias": "email", "type": "email", "group": "core", "value": "%s"},
                             "firstname": {"alias": "firstname", "value": "Hedy"}, "lastname": {"alias": "lastname", "value": "Lamarr"},
                             "company": {"alias": "company", "value": "Frequency Hopping Inc"}, "position": {"alias": "position", "value": "Director of Engineering"},
                             "country": {"alias": "country", "value": "Austria"}, "points": {"alias": "points", "value": 25}},
                    "social": {}, "personal": {}, "professional": {}}},
                  "timestamp": "2026-11-28T03:00:00+00:00"}],
                 "mautic.lead_post_save_update": [{"lead": {"id": 4712, "fields": {"core": {"email": {"value": "%s"}}}},
                  "timestamp": "2026-11-28T03:00:01+00:00"}]}""".formatted(email, other);
        Response r = RestAssured.given().contentType(ContentType.JSON).header("Webhook-Signature", mauticSignature(body)).body(body)
                .post(path(src));
        r.then().statusCode(200).body("results.outcome", equalTo(List.of("created", "created")));
        given().get("/api/v1/leads/" + r.path("results[0].leadId")).then()
                .body("title", equalTo("Director of Engineering")).body("country", equalTo("AT")).body("externalId", equalTo("4711"))
                .body("attributes.mauticPoints", equalTo(25));
        RestAssured.given().contentType(ContentType.JSON).header("Webhook-Signature", mauticSignature(body + " ")).body(body)
                .post(path(src)).then().statusCode(401);
    }

    @Test
    void mauticPointsBesideTheFieldsLandInAttributes() {
        String src = source("mautic", Map.of());
        String body = """
                {"mautic.lead_post_save_update": [{"contact": {"id": 4801, "points": 42, "color": "#ffffff", "fields": {
                    "core": {"email": {"alias": "email", "value": "%s"}, "firstname": {"alias": "firstname", "value": "Lise"}}}},
                  "timestamp": "2026-11-28T03:00:00+00:00"}]}""".formatted(TestData.uniqueEmail());
        String leadId = RestAssured.given().contentType(ContentType.JSON).header("Webhook-Signature", mauticSignature(body)).body(body)
                .post(path(src)).then().statusCode(200).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("attributes.mauticPoints", equalTo(42));
    }

    @Test
    void marketoReadmeTemplateWorksWithoutAMapping() {
        String src = source("marketo", Map.of("eventIdPointer", "/eventId"));
        // what the README's template renders to: empty tokens are empty strings, numbers are text
        String body = """
                {"email": "%s", "firstName": "Ada", "lastName": "", "company": "Analytical Engines",
                 "employeeCount": "250", "phone": "", "eventId": "4711-2026-11-30 09:00:00"}""".formatted(TestData.uniqueEmail());
        String leadId = RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", SECRET).body(body)
                .post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("created"))
                .body("results[0].eventId", equalTo("id:4711-2026-11-30 09:00:00")).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("firstName", equalTo("Ada")).body("lastName", nullValue())
                .body("employeeCount", equalTo(250)).body("attributes", not(org.hamcrest.Matchers.hasKey("eventId")));
    }

    @Test
    void standardWebhooksEnvelopeWorksWithoutAMapping() {
        String secret = whsec();
        String src = TestData.unique("sw").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", src, "kind", "standard-webhooks", "name", "sw", "secrets", List.of(secret)))
                .post("/api/v1/sources").then().statusCode(201);
        String email = TestData.uniqueEmail();
        String body = "{\"type\":\"lead.created\",\"timestamp\":\"2026-11-30T09:00:00Z\",\"data\":{\"email\":\"" + email
                + "\",\"company\":\"Svix\",\"utm\":{\"campaign\":\"sw-launch\"}}}";
        String leadId = standardWebhook(secret, "msg_" + TestData.unique("e"), clock.millis() / 1000, body).post(path(src))
                .then().statusCode(200).body("results[0].outcome", equalTo("created")).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("email", equalTo(email)).body("company", equalTo("Svix"))
                .body("utm.campaign", equalTo("sw-launch"));
    }

    @Test
    void pardotFormForwardingWithTheSecretInAFormField() {
        String src = source("pardot", Map.of());
        String email = TestData.uniqueEmail();
        String leadId = RestAssured.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("email", email).formParam("first_name", "Katherine").formParam("last_name", "Johnson")
                .formParam("company", "NACA").formParam("job_title", "Research Mathematician").formParam("country", "US")
                .formParam("employees", "1,000+").formParam("utm_campaign", "pardot-spring").formParam("lh_secret", SECRET)
                .post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("created")).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("employeeCount", equalTo(1000)).body("utm.campaign", equalTo("pardot-spring"))
                .body("attributes", not(org.hamcrest.Matchers.hasKey("lh_secret")));
        RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("email", TestData.uniqueEmail())
                .post(path(src)).then().statusCode(401);
    }

    private static String whsec() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static RequestSpecification standardWebhook(String secret, String id, long seconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(6));
        String sig = Base64.getEncoder().encodeToString(Signatures.hmacSha256(key, (id + "." + seconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(seconds)).header("webhook-signature", "v1,bogus v1," + sig);
    }

    @Test
    void standardWebhooksVerifiesRotatedSecretsTimestampsAndReplays() {
        String oldSecret = whsec();
        String newSecret = whsec();
        String src = TestData.unique("sw").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", src, "kind", "standard-webhooks", "name", "sw", "secrets", List.of(oldSecret, newSecret)))
                .post("/api/v1/sources").then().statusCode(201).body("secretHints", org.hamcrest.Matchers.hasSize(2))
                .body(not(containsString(newSecret)));
        String body = "{\"email\":\"" + TestData.uniqueEmail() + "\",\"company\":\"Svix\"}";
        long now = clock.millis() / 1000;
        String id = "msg_" + TestData.unique("x");
        standardWebhook(newSecret, id, now, body).post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("created"));
        standardWebhook(oldSecret, id, now, body).post(path(src)).then().statusCode(200).body("results[0].outcome", equalTo("duplicate"));
        standardWebhook(newSecret, "msg_" + TestData.unique("y"), now - 400, body).post(path(src)).then().statusCode(401);
        standardWebhook(whsec(), "msg_" + TestData.unique("z"), now, body).post(path(src)).then().statusCode(401);
    }

    @Test
    void genericJsonIsMappedByPointersAndNamesTheMissingField() {
        String src = source("generic", Map.of("secretHeader", "X-Form-Token",
                "mapping", Map.of("email", "/contact/email", "firstName", "/contact/name/first", "campaign", "/meta/campaign",
                        "employeeCount", "/company/size")));
        String email = TestData.uniqueEmail();
        String leadId = RestAssured.given().contentType(ContentType.JSON).header("X-Form-Token", SECRET)
                .body("{\"contact\":{\"email\":\"" + email + "\",\"name\":{\"first\":\"Radia\"}},\"meta\":{\"campaign\":\"spanning-tree\"},\"company\":{\"size\":\"250\"}}")
                .post(path(src)).then().statusCode(200).extract().path("results[0].leadId");
        given().get("/api/v1/leads/" + leadId).then().body("firstName", equalTo("Radia")).body("campaign", equalTo("spanning-tree"))
                .body("employeeCount", equalTo(250));
        RestAssured.given().contentType(ContentType.JSON).header("X-Form-Token", SECRET).body("{\"contact\":{\"name\":{\"first\":\"X\"}}}")
                .post(path(src)).then().statusCode(422).body("errors.pointer", hasItem("/contact/email"));
        RestAssured.given().contentType(ContentType.JSON).header("X-Form-Token", SECRET).body("{\"contact\":")
                .post(path(src)).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAndUnknownSourcesAreRefused() {
        String src = source("generic", Map.of("mapping", Map.of("email", "/email")));
        String big = "{\"email\":\"a@b.example\",\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", SECRET).body(big)
                .post(path(src)).then().statusCode(413).contentType("application/problem+json");
        RestAssured.given().contentType(ContentType.JSON).body("{}").post(path("no-such-source")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void sourcesNeverShowTheirSecretsAndChangesAreAudited() {
        String src = source("mautic", Map.of());
        given().get("/api/v1/sources/" + src).then().statusCode(200)
                .body(not(containsString(SECRET))).body("secretHints[0]", equalTo("…" + SECRET.substring(SECRET.length() - 4)))
                .body("webhookPath", equalTo(path(src)));
        given().contentType(ContentType.JSON).body(Map.of("kind", "mautic", "name", "renamed", "secrets", List.of(SECRET, "second-secret-0123456789")))
                .put("/api/v1/sources/" + src).then().statusCode(200).body("name", equalTo("renamed"));
        given().delete("/api/v1/sources/" + src).then().statusCode(204);
        String audit = given().queryParam("target", "source:" + src).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("source.deleted", "source.updated", "source.created"))).extract().asString();
        assertThat(audit).doesNotContain(SECRET).doesNotContain("second-secret-0123456789");
        RestAssured.given().contentType(ContentType.JSON).header("Webhook-Signature", mauticSignature("{}")).body("{}")
                .post(path(src)).then().statusCode(404);
    }

    @Test
    void refusesInvalidSourceConfigurationWithPointers() {
        given().contentType(ContentType.JSON).body(Map.of("id", "Bad Id", "kind", "salesloft", "name", "", "secrets", List.of("short")))
                .post("/api/v1/sources").then().statusCode(422)
                .body("errors.pointer", hasItem("/id")).body("errors.pointer", hasItem("/kind"))
                .body("errors.pointer", hasItem("/name")).body("errors.pointer", hasItem("/secrets/0"));
        given().contentType(ContentType.JSON).body(Map.of("id", TestData.unique("g").toLowerCase(), "kind", "generic", "name", "g", "secrets", List.of(SECRET)))
                .post("/api/v1/sources").then().statusCode(422).body("errors.pointer", hasItem("/mapping/email"));
    }
}
