package io.leadhandoff.webhook;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dead letters after the whole schedule, replay, auto-disable and re-enable, secret rotation, the test event. */
@QuarkusTest
class WebhookLifecycleTest {

    @Inject
    TestClock clock;
    @Inject
    Deliveries deliveries;

    private WebhookFixture fixture;
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new WebhookFixture(deliveries);
    }

    @AfterEach
    void tearDown() {
        fixture.cleanUp();
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(Receiver r) {
        receivers.add(r);
        return r;
    }

    /** Moves past the longest wait of the schedule (10 h + 20 % jitter) and runs a pass. */
    private void nextRetry() {
        clock.advance(Duration.ofHours(13));
        fixture.pass();
    }

    /** The default schedule's waits with the jitter's 20 % on top. */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(6), Duration.ofMinutes(6), Duration.ofMinutes(36),
            Duration.ofMinutes(144), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(12));

    @Test
    void anEventFailingEveryAttemptBecomesADeadLetterWithEachAttempt() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> Receiver.Reply.status(503)));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        String lead = fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        for (int i = 0; i < SCHEDULE.size(); i++) {
            clock.advance(SCHEDULE.get(i));
            int expected = i + 2;
            fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(expected));
        }
        assertThat(receiver.requests()).as("1 attempt + 7 retries").hasSize(8);
        nextRetry();
        assertThat(receiver.requests()).as("no attempt after the last").hasSize(8);

        JsonPath dead = given().get("/api/v1/webhooks/" + sub[0] + "/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(dead.getList("items")).hasSize(1);
        assertThat(dead.getString("items[0].leadId")).isEqualTo(lead);
        assertThat(dead.getList("items[0].attempts.status", Integer.class)).hasSize(8).containsOnly(503);
        assertThat(dead.getString("items[0].attempts[0].excerpt")).isEqualTo("answer 503");
        assertThat(fixture.webhook(sub[0]).getLong("health.deadLetters")).isEqualTo(1);
    }

    @Test
    void replayingDeadLettersDeliversThemWithTheirOriginalId() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 1 ? Receiver.Reply.status(410) : Receiver.Reply.ok()));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(fixture.webhook(sub[0]).getLong("health.deadLetters")).isEqualTo(1));

        given().contentType(ContentType.JSON).body(Map.of("deadLetters", true)).post("/api/v1/webhooks/" + sub[0] + "/replay")
                .then().statusCode(200).body("queued", equalTo(1));
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));

        assertThat(receiver.requests().get(1).id()).isEqualTo(receiver.requests().get(0).id());
        assertThat(fixture.webhook(sub[0]).getLong("health.deadLetters")).isZero();
        given().get("/api/v1/webhooks/" + sub[0] + "/dead-letters").then().statusCode(200).body("items[0].replayedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void replayingATimeRangeSendsItsEventsAgainInFeedOrder() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created", "lead.routed"), Map.of());
        Instant from = clock.instant().minusSeconds(60);
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));

        given().contentType(ContentType.JSON).body(Map.of("from", from.toString(), "to", clock.instant().plusSeconds(60).toString()))
                .post("/api/v1/webhooks/" + sub[0] + "/replay").then().statusCode(200).body("queued", equalTo(2));
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(4));

        List<Receiver.Request> all = receiver.requests();
        assertThat(all.subList(2, 4)).extracting(Receiver.Request::id).containsExactly(all.get(0).id(), all.get(1).id());
        assertThat(receiver.deduplicated()).hasSize(2);
    }

    @Test
    void replayNeedsEitherDeadLettersOrARange() {
        String[] sub = fixture.subscribe("http://127.0.0.1:9/hook", List.of("lead.created"), Map.of());
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/webhooks/" + sub[0] + "/replay")
                .then().statusCode(422);
    }

    @Test
    void aSubscriptionFailingForDaysIsDisabledAndResumesWhereItStoppedWhenEnabled() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> Receiver.Reply.status(500)));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        List<String> leads = List.of(fixture.lead(), fixture.lead(), fixture.lead(), fixture.lead());
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        for (int i = 0; i < 30 && "enabled".equals(fixture.webhook(sub[0]).getString("status")); i++) {
            nextRetry();
        }
        JsonPath disabled = fixture.webhook(sub[0]);
        assertThat(disabled.getString("status")).isEqualTo("disabled");
        assertThat(disabled.getString("disabledReason")).contains("failing since", "HTTP 500");
        int sentWhileFailing = receiver.requests().size();
        nextRetry();
        assertThat(receiver.requests()).as("nothing is sent while disabled").hasSize(sentWhileFailing);
        String retrying = disabled.getString("health.retryingEventId");

        receiver.behave(n -> Receiver.Reply.ok());
        given().contentType(ContentType.JSON).body(Map.of("status", "enabled")).patch("/api/v1/webhooks/" + sub[0])
                .then().statusCode(200).body("status", equalTo("enabled")).body("disabledReason", nullValue());
        fixture.deliverUntil(() -> assertThat(fixture.webhook(sub[0]).getString("health.state")).isEqualTo("healthy"));

        List<Receiver.Request> after = receiver.requests().subList(sentWhileFailing, receiver.requests().size());
        assertThat(after.get(0).id()).as("the event being retried goes first").contains(retrying);
        List<String> dead = given().get("/api/v1/webhooks/" + sub[0] + "/dead-letters").then().extract().jsonPath().getList("items.leadId");
        List<String> delivered = after.stream().map(r -> JsonPath.from(r.body()).getString("data.leadId")).toList();
        List<String> accounted = new ArrayList<>(dead);
        accounted.addAll(delivered);
        assertThat(accounted).as("every lead dead-lettered or delivered, none skipped").containsExactlyInAnyOrderElementsOf(leads);
    }

    @Test
    void duringARotationBothTheNewAndThePreviousSecretSign() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        String secret = given().contentType(ContentType.JSON).body(Map.of("overlapSeconds", 3600))
                .post("/api/v1/webhooks/" + sub[0] + "/rotate-secret").then().statusCode(200).extract().path("secret");
        assertThat(secret).startsWith("whsec_").isNotEqualTo(sub[1]);
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));

        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.signature().split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verify(secret, r.id(), r.timestamp(), r.body(), r.signature())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body(), r.signature())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(secret, r.id(), r.timestamp(), r.body(), r.signature().split(" ")[1])).isFalse();
    }

    @Test
    void afterTheOverlapOnlyTheNewSecretSigns() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        String secret = given().contentType(ContentType.JSON).body(Map.of("overlapSeconds", 60))
                .post("/api/v1/webhooks/" + sub[0] + "/rotate-secret").then().statusCode(200).extract().path("secret");
        clock.advance(Duration.ofSeconds(61));
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));

        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.signature().split(" ")).hasSize(1);
        assertThat(StandardWebhooksVerifier.verify(secret, r.id(), r.timestamp(), r.body(), r.signature())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body(), r.signature())).isFalse();
    }

    @Test
    void theTestEndpointSendsASignedTestEventAndAnswersWhatTheDestinationSaid() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> Receiver.Reply.status(202)));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        given().post("/api/v1/webhooks/" + sub[0] + "/test").then().statusCode(200)
                .body("delivered", equalTo(true)).body("status", equalTo(202)).body("excerpt", equalTo("answer 202"));
        Receiver.Request r = receiver.requests().get(0);
        assertThat(JsonPath.from(r.body()).getString("type")).isEqualTo("webhook.test");
        assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body(), r.signature())).isTrue();
    }

    @Test
    void aSubscriptionIsListedWithItsHealthButNeverItsSecret() {
        String[] sub = fixture.subscribe("http://127.0.0.1:9/hook", List.of("lead.created"), Map.of("description", "CRM sync"));
        given().get("/api/v1/webhooks/" + sub[0]).then().statusCode(200)
                .body("description", equalTo("CRM sync")).body("format", equalTo("standard")).body("status", equalTo("enabled"))
                .body("health.state", equalTo("healthy")).body("secret", nullValue())
                .body(org.hamcrest.Matchers.not(containsString(sub[1])));
        given().queryParam("limit", 200).get("/api/v1/webhooks").then().statusCode(200);
    }

    @Test
    void unknownEventTypesAreRefusedByPointer() {
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("lead.created", "lead.exploded")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].pointer", equalTo("/eventTypes/1"));
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        String[] sub = fixture.subscribe("http://127.0.0.1:9/hook", List.of("lead.created"), Map.of());
        given().delete("/api/v1/webhooks/" + sub[0]).then().statusCode(204);
        given().get("/api/v1/webhooks/" + sub[0]).then().statusCode(404);
    }

    @Test
    void webhooksNeedTheAdminScope() {
        String key = io.leadhandoff.Api.apiKey(Map.of("scopes", List.of("events:read")));
        io.leadhandoff.Api.as(key).get("/api/v1/webhooks").then().statusCode(403);
    }
}
