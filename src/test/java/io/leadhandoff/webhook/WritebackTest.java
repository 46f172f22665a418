package io.leadhandoff.webhook;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A source's write-back to its marketing tool, against local receivers that speak the tools' APIs ({@link ToolReceiver}). */
@QuarkusTest
class WritebackTest {

    @Inject
    TestClock clock;
    @Inject
    Deliveries deliveries;

    private final List<ToolReceiver> receivers = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    @AfterEach
    void tearDown() {
        for (String source : sources) {
            given().delete("/api/v1/sources/" + source + "/writeback");
        }
        receivers.forEach(ToolReceiver::close);
    }

    private ToolReceiver receiver() throws Exception {
        ToolReceiver r = new ToolReceiver();
        receivers.add(r);
        return r;
    }

    private String source(String kind) {
        String id = TestData.unique(kind).toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "kind", kind, "name", kind + " write-back", "secrets",
                List.of("inbound-secret-0123456789"))).post("/api/v1/sources").then().statusCode(201);
        sources.add(id);
        return id;
    }

    private JsonPath writeback(String source, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/sources/" + source + "/writeback")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> hubspot(ToolReceiver r) {
        return Map.of("baseUrl", r.baseUrl(), "token", ToolReceiver.HUBSPOT_TOKEN);
    }

    private static Map<String, Object> marketo(ToolReceiver r) {
        return Map.of("baseUrl", r.baseUrl(), "clientId", ToolReceiver.MARKETO_CLIENT_ID, "clientSecret", ToolReceiver.MARKETO_CLIENT_SECRET);
    }

    private static Map<String, Object> mautic(ToolReceiver r) {
        return Map.of("baseUrl", r.baseUrl(), "username", ToolReceiver.MAUTIC_USER, "password", ToolReceiver.MAUTIC_PASSWORD);
    }

    private static String lead(String source, String externalId) {
        return Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "externalId", externalId, "company", "Analytical Engines"));
    }

    private static void judge(String lead, String outcome, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("outcome", outcome));
        if (reason != null) {
            body.put("reason", reason);
        }
        Api.feedback(lead, body).then().statusCode(200);
    }

    private void deliverUntil(Runnable check) {
        new WebhookFixture(deliveries).deliverUntil(check);
    }

    @Test
    void hubSpotGetsTheLeadStatusOfEachStepOnItsContact() throws Exception {
        ToolReceiver hs = receiver();
        String source = source("hubspot");
        writeback(source, Map.of("baseUrl", hs.baseUrl(), "token", ToolReceiver.HUBSPOT_TOKEN,
                "fields", Map.of("reason", "lh_rejection_reason", "leadId", "lh_lead_id")));
        hs.known.add("901");
        String rep = TestData.unique("rep");
        String queue = Api.routedQueue("pull", Map.of(), rep);
        try {
            String lead = lead(source, "901");
            String token = Api.claim(queue, rep, 1, 300).then().statusCode(200).extract().path("claimed[0].leaseToken");
            Api.feedback(lead, Map.of("outcome", "REJECTED", "reason", "BAD_TIMING", "repId", rep, "leaseToken", token)).then().statusCode(200);

            deliverUntil(() -> assertThat(hs.calls()).hasSize(2));
            ToolReceiver.Call claimed = hs.calls().get(0);
            assertThat(claimed.method()).isEqualTo("PATCH");
            assertThat(claimed.path()).isEqualTo("/crm/v3/objects/contacts/901");
            assertThat(claimed.authorization()).isEqualTo("Bearer " + ToolReceiver.HUBSPOT_TOKEN);
            assertThat(JsonPath.from(claimed.body()).getString("properties.hs_lead_status")).isEqualTo("IN_PROGRESS");
            JsonPath rejected = JsonPath.from(hs.calls().get(1).body());
            assertThat(rejected.getString("properties.hs_lead_status")).isEqualTo("BAD_TIMING");
            assertThat(rejected.getString("properties.lh_rejection_reason")).isEqualTo("BAD_TIMING");
            assertThat(rejected.getString("properties.lh_lead_id")).isEqualTo(lead);
        } finally {
            Api.restoreDefaultRules();
        }
        given().get("/api/v1/sources/" + source + "/writeback").then().statusCode(200)
                .body("health.lastSuccessAt", org.hamcrest.Matchers.notNullValue()).body("backlog", equalTo(0));
    }

    @Test
    void leadsFromOtherToolsAreNotWrittenBack() throws Exception {
        ToolReceiver hs = receiver();
        String source = source("hubspot");
        writeback(source, hubspot(hs));
        hs.known.add("902");
        String other = source("hubspot");
        String fromOther = lead(other, "902");
        String plain = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String ours = lead(source, "902");
        judge(fromOther, "ACCEPTED", null);
        judge(plain, "ACCEPTED", null);
        judge(ours, "ACCEPTED", null);

        deliverUntil(() -> assertThat(hs.calls()).hasSize(1));
        new WebhookFixture(deliveries).pass();
        assertThat(hs.calls()).hasSize(1);
        assertThat(JsonPath.from(hs.calls().get(0).body()).getString("properties.hs_lead_status")).isEqualTo("CONNECTED");
    }

    @Test
    void marketoRefreshesAnExpiredTokenOnceAndRetries() throws Exception {
        ToolReceiver mk = receiver();
        String source = source("marketo");
        writeback(source, Map.of("baseUrl", mk.baseUrl(), "clientId", ToolReceiver.MARKETO_CLIENT_ID,
                "clientSecret", ToolReceiver.MARKETO_CLIENT_SECRET, "statusMapping", Map.of("RECYCLED", "Nurture")));
        mk.known.add("4242");
        mk.known.add("4243");
        String first = lead(source, "4242");
        judge(first, "ACCEPTED", null);
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(1));
        mk.expireTokens(); // the token handed out above is now answered with 602

        String second = lead(source, "4243");
        judge(second, "RECYCLED", "BAD_TIMING");
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(3));

        assertThat(mk.calls("/identity/")).hasSize(2);
        List<ToolReceiver.Call> updates = mk.calls("/rest/v1/leads.json");
        assertThat(updates.get(1).authorization()).isEqualTo(updates.get(0).authorization());
        assertThat(updates.get(2).authorization()).isNotEqualTo(updates.get(1).authorization());
        JsonPath body = JsonPath.from(updates.get(2).body());
        assertThat(body.getString("action")).isEqualTo("updateOnly");
        assertThat(body.getString("lookupField")).isEqualTo("id");
        assertThat(body.getLong("input[0].id")).isEqualTo(4243L);
        assertThat(body.getString("input[0].leadStatus")).isEqualTo("Nurture");
        given().get("/api/v1/sources/" + source + "/writeback").then().statusCode(200).body("health.deadLetters", equalTo(0))
                .body("recentFailures", org.hamcrest.Matchers.empty());
    }

    @Test
    void marketoRateLimitIsWaitedOutAndAnUnknownLeadIsADeadLetterWithTheToolsAnswer() throws Exception {
        ToolReceiver mk = receiver();
        String source = source("marketo");
        writeback(source, marketo(mk));
        mk.known.add("77");
        mk.before((n, call) -> n == 2 ? ToolReceiver.marketoError("606", "Max rate limit '100' exceeded with in '20' secs") : null);
        judge(lead(source, "77"), "ACCEPTED", null);
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(1));
        clock.advance(Duration.ofSeconds(10));
        new WebhookFixture(deliveries).pass();
        assertThat(mk.calls("/rest/")).as("Marketo's window is 20 s").hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(2));

        judge(lead(source, "78"), "ACCEPTED", null); // not in Marketo: 1004
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(3));
        JsonPath state = given().get("/api/v1/sources/" + source + "/writeback").then().statusCode(200).extract().jsonPath();
        assertThat(state.getInt("health.deadLetters")).isEqualTo(1);
        assertThat(state.getString("recentFailures[0].error")).contains("1004");
        JsonPath dead = given().get("/api/v1/sources/" + source + "/writeback/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(dead.getInt("items[0].attempts[0].status")).isEqualTo(404);
        assertThat(dead.getString("items[0].attempts[0].excerpt")).contains("Lead not found");

        mk.known.add("78");
        given().contentType(ContentType.JSON).body(Map.of("deadLetters", true)).post("/api/v1/sources/" + source + "/writeback/replay")
                .then().statusCode(200).body("queued", equalTo(1));
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(4));
        assertThat(mk.calls("/rest/").get(3).body()).contains("\"id\":78");
    }

    @Test
    void marketoDailyQuotaIsWaitedOutUntilMidnightInMarketosTimeZone() throws Exception {
        ToolReceiver mk = receiver();
        String source = source("marketo");
        writeback(source, marketo(mk));
        mk.known.add("79");
        mk.before((n, call) -> n == 2 ? ToolReceiver.marketoError("607", "Daily quota reached") : null);
        judge(lead(source, "79"), "ACCEPTED", null);
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(1));
        // Marketo's daily quota starts again at midnight US Central time, whatever the hour on the test clock
        java.time.ZoneId central = java.time.ZoneId.of("America/Chicago");
        java.time.Instant midnight = java.time.LocalDate.ofInstant(clock.instant(), central).plusDays(1).atStartOfDay(central).toInstant();
        Duration untilMidnight = Duration.between(clock.instant(), midnight);
        if (untilMidnight.compareTo(Duration.ofSeconds(5)) > 0) {
            clock.advance(untilMidnight.minusSeconds(5));
            new WebhookFixture(deliveries).pass();
            assertThat(mk.calls("/rest/")).as("nothing is sent while the day's quota is spent").hasSize(1);
        }
        clock.advance(Duration.between(clock.instant(), midnight).plusSeconds(1));
        deliverUntil(() -> assertThat(mk.calls("/rest/")).hasSize(2));
        assertThat(JsonPath.from(mk.calls("/rest/").get(1).body()).getString("input[0].leadStatus")).isNotBlank();
    }

    @Test
    void hubSpot429IsRetriedAfterItsHint() throws Exception {
        ToolReceiver hs = receiver();
        String source = source("hubspot");
        writeback(source, hubspot(hs));
        hs.known.add("903");
        hs.before((n, call) -> n == 1 ? new ToolReceiver.Answer(429, Map.of("Retry-After", "30", "Content-Type", "application/json"),
                "{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\",\"errorType\":\"RATE_LIMIT\","
                        + "\"policyName\":\"TEN_SECONDLY_ROLLING\"}") : null);
        judge(lead(source, "903"), "ACCEPTED", null);
        deliverUntil(() -> assertThat(hs.calls()).hasSize(1));
        clock.advance(Duration.ofSeconds(20));
        new WebhookFixture(deliveries).pass();
        assertThat(hs.calls()).hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        deliverUntil(() -> assertThat(hs.calls()).hasSize(2));
    }

    @Test
    void mauticDownForAWhileGetsTheStatusWhenBack() throws Exception {
        ToolReceiver first = new ToolReceiver();
        int port = first.port();
        String base = first.baseUrl();
        first.close(); // down: connection refused
        String source = source("mautic");
        writeback(source, Map.of("baseUrl", base, "username", ToolReceiver.MAUTIC_USER, "password", ToolReceiver.MAUTIC_PASSWORD));
        judge(lead(source, "55"), "REJECTED", "NO_BUDGET");
        deliverUntil(() -> assertThat(given().get("/api/v1/sources/" + source + "/writeback").then().extract().jsonPath()
                .getString("health.lastFailure")).contains("connection failed"));
        clock.advance(Duration.ofSeconds(7));
        new WebhookFixture(deliveries).pass();

        ToolReceiver back = new ToolReceiver(port);
        receivers.add(back);
        back.known.add("55");
        clock.advance(Duration.ofMinutes(7));
        deliverUntil(() -> assertThat(back.calls()).hasSize(1));
        ToolReceiver.Call call = back.calls().get(0);
        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.path()).isEqualTo("/api/contacts/55/edit");
        assertThat(call.authorization()).startsWith("Basic ");
        assertThat(JsonPath.from(call.body()).getString("lead_status")).isEqualTo("Sales Rejected");
    }

    @Test
    void anErasedLeadIsNeverWrittenBackAndItsPendingWriteBacksAreDropped() throws Exception {
        ToolReceiver mautic = receiver();
        String source = source("mautic");
        writeback(source, mautic(mautic));
        mautic.known.add("61");
        mautic.known.add("62");
        String erased = lead(source, "61");
        judge(erased, "ACCEPTED", null);
        given().delete("/api/v1/leads/" + erased).then().statusCode(204); // before the write-back's turn came
        String kept = lead(source, "62");
        judge(kept, "ACCEPTED", null);

        deliverUntil(() -> assertThat(mautic.calls()).hasSize(1));
        new WebhookFixture(deliveries).pass();
        assertThat(mautic.calls()).extracting(ToolReceiver.Call::path).containsExactly("/api/contacts/62/edit");
        given().contentType(ContentType.JSON).body(Map.of("from", clock.instant().minus(Duration.ofHours(1)).toString(),
                "to", clock.instant().plusSeconds(1).toString())).post("/api/v1/sources/" + source + "/writeback/replay").then().statusCode(200);
        deliverUntil(() -> assertThat(mautic.calls()).hasSize(2));
        new WebhookFixture(deliveries).pass();
        assertThat(mautic.calls()).extracting(ToolReceiver.Call::path).as("a replay skips the erased lead too")
                .containsExactly("/api/contacts/62/edit", "/api/contacts/62/edit");
    }

    @Test
    void credentialsAreNeverAnsweredBackAndAreKeptWhenLeftOut() throws Exception {
        ToolReceiver hs = receiver();
        String source = source("hubspot");
        String first = given().contentType(ContentType.JSON).body(hubspot(hs)).put("/api/v1/sources/" + source + "/writeback")
                .then().statusCode(200).extract().asString();
        assertThat(first).doesNotContain(ToolReceiver.HUBSPOT_TOKEN).contains("\"credentials\":[\"token\"]");
        JsonPath changed = writeback(source, Map.of("baseUrl", hs.baseUrl(), "statusMapping", Map.of("ACCEPTED", "OPEN_DEAL")));
        assertThat(changed.getList("credentials")).containsExactly("token");
        assertThat(changed.getString("statusMapping.ACCEPTED")).isEqualTo("OPEN_DEAL");
        assertThat(given().get("/api/v1/sources/" + source + "/writeback").then().statusCode(200).extract().asString())
                .doesNotContain(ToolReceiver.HUBSPOT_TOKEN);
    }

    @Test
    void refusesAWritebackItCannotDo() throws Exception {
        ToolReceiver hs = receiver();
        String hubspot = source("hubspot");
        given().contentType(ContentType.JSON).body(Map.of("baseUrl", hs.baseUrl())).put("/api/v1/sources/" + hubspot + "/writeback")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/token"));
        given().contentType(ContentType.JSON).body(Map.of("baseUrl", hs.baseUrl(), "token", "t", "statusMapping", Map.of("MAYBE", "x")))
                .put("/api/v1/sources/" + hubspot + "/writeback").then().statusCode(422).body("errors[0].pointer", equalTo("/statusMapping/MAYBE"));
        given().contentType(ContentType.JSON).body(Map.of("baseUrl", "http://10.1.2.3", "token", "t"))
                .put("/api/v1/sources/" + hubspot + "/writeback").then().statusCode(422).body("errors[0].pointer", equalTo("/baseUrl"));
        String generic = source("pardot");
        given().contentType(ContentType.JSON).body(hubspot(hs)).put("/api/v1/sources/" + generic + "/writeback").then().statusCode(422);
        given().get("/api/v1/sources/" + hubspot + "/writeback").then().statusCode(404);
    }
}
