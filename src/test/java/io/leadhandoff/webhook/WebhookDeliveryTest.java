package io.leadhandoff.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery to real HTTP receivers on 127.0.0.1: signatures, order, exactly-once after de-duplication, retries. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final List<String> TYPES = List.of("lead.created", "lead.routed");

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

    /** (leadId, type) of each request, in arrival order. */
    private static List<String> events(List<Receiver.Request> requests) {
        List<String> out = new ArrayList<>();
        for (Receiver.Request r : requests) {
            JsonPath body = JsonPath.from(r.body());
            out.add(body.getString("data.leadId") + " " + body.getString("type"));
        }
        return out;
    }

    @Test
    void deliversEverySubscribedEventSignedAndInOrderPerLead() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        String[] sub = fixture.subscribe(receiver.url(), TYPES, Map.of());
        String first = fixture.lead();
        String second = fixture.lead();

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(4));

        assertThat(events(receiver.requests())).containsExactly(first + " lead.created", first + " lead.routed",
                second + " lead.created", second + " lead.routed");
        for (Receiver.Request r : receiver.requests()) {
            assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body(), r.signature()))
                    .as("signature of %s", r.id()).isTrue();
            assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body() + " ", r.signature())).isFalse();
        }
        assertThat(receiver.deduplicated()).hasSize(4);
        JsonPath created = JsonPath.from(receiver.requests().get(0).body());
        assertThat(created.getString("data.lead.email")).isNotBlank();
        assertThat(created.getString("data.lead.id")).isEqualTo(first);
        assertThat(created.getString("timestamp")).isNotBlank();
    }

    @Test
    void aReceiverFailingThreeTimesGetsEveryEventOnceInOrderAfterTheRetries() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n <= 3 ? Receiver.Reply.status(500) : Receiver.Reply.ok()));
        fixture.subscribe(receiver.url(), TYPES, Map.of());
        String lead = fixture.lead();

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        fixture.pass();
        assertThat(receiver.requests()).as("the retry waits for the schedule (5 s)").hasSize(1);
        clock.advance(Duration.ofSeconds(7));
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
        clock.advance(Duration.ofMinutes(7));
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(3));
        clock.advance(Duration.ofMinutes(37));
        fixture.deliverUntil(() -> assertThat(receiver.deduplicated()).hasSize(2));

        List<Receiver.Request> all = receiver.requests();
        assertThat(all.subList(0, 4)).extracting(Receiver.Request::id).as("the failing event blocks the next one").containsOnly(all.get(0).id());
        assertThat(events(receiver.deduplicated())).containsExactly(lead + " lead.created", lead + " lead.routed");
    }

    /**
     * Events go a batch at a time (read together, sent in order, recorded together). A failure inside a batch keeps what
     * was delivered before it, holds everything after it, and an unwanted event read after the batch's last item does
     * not move the cursor past the held items.
     */
    @Test
    void aFailureInsideABatchKeepsWhatWentBeforeAndHoldsWhatComesAfter() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 2 ? Receiver.Reply.status(500) : Receiver.Reply.ok()));
        fixture.subscribe(receiver.url(), TYPES, Map.of());
        String first = fixture.lead();
        io.leadhandoff.Api.ingest(Map.of("email", io.leadhandoff.TestData.uniqueEmail(), "source", io.leadhandoff.TestData.unique("unwanted")));
        String second = fixture.lead();
        io.leadhandoff.Api.ingest(Map.of("email", io.leadhandoff.TestData.uniqueEmail(), "source", io.leadhandoff.TestData.unique("unwanted")));

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
        fixture.pass();
        assertThat(events(receiver.requests())).as("the batch stops at its failing item; the rest waits for the retry")
                .containsExactly(first + " lead.created", first + " lead.routed");
        clock.advance(Duration.ofSeconds(7));
        fixture.deliverUntil(() -> assertThat(receiver.deduplicated()).hasSize(4));
        fixture.pass();
        assertThat(events(receiver.requests())).as("nothing delivered is sent twice, nothing held is skipped").containsExactly(
                first + " lead.created", first + " lead.routed", first + " lead.routed", second + " lead.created", second + " lead.routed");
    }

    /** A connection the receiver closed without answering is sent on again at once, not after the schedule's 5 s. */
    @Test
    void aConnectionClosedWithoutAnAnswerIsSentAgainAtOnce() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 1 ? Receiver.Reply.drop() : Receiver.Reply.ok()));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        String lead = fixture.lead();

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
        assertThat(receiver.requests().get(1).id()).as("the same webhook-id").isEqualTo(receiver.requests().get(0).id());
        assertThat(events(receiver.deduplicated())).containsExactly(lead + " lead.created");
        assertThat(fixture.webhook(sub[0]).getString("health.state")).isEqualTo("healthy");
        assertThat(fixture.webhook(sub[0]).getString("health.lastFailure")).as("no failed attempt recorded").isNull();
    }

    @Test
    void aReceiverThatTimesOutIsRetried() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 1 ? new Receiver.Reply(200, Map.of(), 3_000) : Receiver.Reply.ok()));
        String[] sub = fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        fixture.lead();

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        fixture.deliverUntil(() -> assertThat(fixture.webhook(sub[0]).getString("health.state")).isEqualTo("retrying"));
        assertThat(fixture.webhook(sub[0]).getString("health.lastFailure")).contains("timeout");
        clock.advance(Duration.ofSeconds(7));

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
        assertThat(receiver.deduplicated()).hasSize(1);
        assertThat(fixture.webhook(sub[0]).getString("health.state")).isEqualTo("healthy");
    }

    @Test
    void retryAfterOfA429IsHonoured() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 1 ? new Receiver.Reply(429, Map.of("Retry-After", "120"), 0) : Receiver.Reply.ok()));
        fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of());
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));

        clock.advance(Duration.ofSeconds(60));
        fixture.pass();
        assertThat(receiver.requests()).as("a minute later: Retry-After asked for two").hasSize(1);
        clock.advance(Duration.ofSeconds(62));
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
    }

    @Test
    void aReceiverDownForAWhileGetsTheEventsWhenBack() throws Exception {
        Receiver first = new Receiver(n -> Receiver.Reply.ok());
        String url = first.url();
        int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
        first.close(); // down: connection refused
        String[] sub = fixture.subscribe(url, TYPES, Map.of());
        String lead = fixture.lead();
        fixture.deliverUntil(() -> assertThat(fixture.webhook(sub[0]).getString("health.lastFailure")).contains("connection failed"));
        clock.advance(Duration.ofSeconds(7));
        fixture.pass();
        clock.advance(Duration.ofMinutes(7));
        fixture.pass();
        assertThat(fixture.webhook(sub[0]).getInt("health.attempts")).isEqualTo(3);

        Receiver back = receiver(new Receiver(port, n -> Receiver.Reply.ok()));
        clock.advance(Duration.ofMinutes(37));
        fixture.deliverUntil(() -> assertThat(back.requests()).hasSize(2));
        assertThat(events(back.requests())).containsExactly(lead + " lead.created", lead + " lead.routed");
    }

    @Test
    void aClientErrorIsNotRetriedAndTheNextEventGoesOn() throws Exception {
        Receiver receiver = receiver(new Receiver(n -> n == 1 ? Receiver.Reply.status(400) : Receiver.Reply.ok()));
        String[] sub = fixture.subscribe(receiver.url(), TYPES, Map.of());
        fixture.lead();

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(2));
        JsonPath dead = io.leadhandoff.Api.given().get("/api/v1/webhooks/" + sub[0] + "/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(dead.getList("items")).hasSize(1);
        assertThat(dead.getString("items[0].type")).isEqualTo("lead.created");
        assertThat(dead.getList("items[0].attempts")).hasSize(1);
        assertThat(dead.getInt("items[0].attempts[0].status")).isEqualTo(400);
    }

    @Test
    void slackFormatPostsAReadableMessage() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        fixture.subscribe(receiver.url(), List.of("lead.routed"), Map.of("format", "slack"));
        fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        String text = JsonPath.from(receiver.requests().get(0).body()).getString("text");
        assertThat(text).contains("lead.routed", "Ada Lovelace", "Analytical Engines", "queue inbound");
    }

    @Test
    void personalDataIsLeftOutWhenTheSubscriptionSaysSo() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        fixture.subscribe(receiver.url(), List.of("lead.created"), Map.of("personalData", false));
        String lead = fixture.lead();
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        Map<String, Object> view = JsonPath.from(receiver.requests().get(0).body()).getMap("data.lead");
        assertThat(view).containsEntry("id", lead).containsEntry("company", "Analytical Engines").doesNotContainKeys("email", "firstName");
    }

    @Test
    void anErasedLeadsEventCarriesItsIdAlone() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        fixture.subscribe(receiver.url(), List.of("lead.erased"), Map.of());
        String lead = fixture.lead();
        io.leadhandoff.Api.given().delete("/api/v1/leads/" + lead).then().statusCode(204);
        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        Map<String, Object> data = JsonPath.from(receiver.requests().get(0).body()).getMap("data");
        assertThat(data).isEqualTo(new LinkedHashMap<>(Map.of("leadId", lead)));
    }

    @Test
    void aModelActivationReachesItsSubscribersWhateverTheirLeadFilters() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        String[] sub = fixture.subscribe(receiver.url(), List.of("model.activated"), Map.of());
        fixture.lead();
        // the active version again: an activation like any other, and no other test's scoring changes
        int active = io.leadhandoff.Api.given().get("/api/v1/scoring/models?limit=100").then().statusCode(200).extract().jsonPath()
                .getInt("items.find { it.active }.version");
        io.leadhandoff.Api.given().post("/api/v1/scoring/models/" + active + "/activate").then().statusCode(200);

        fixture.deliverUntil(() -> assertThat(receiver.requests()).hasSize(1));
        Receiver.Request r = receiver.requests().get(0);
        assertThat(StandardWebhooksVerifier.verify(sub[1], r.id(), r.timestamp(), r.body(), r.signature())).isTrue();
        JsonPath body = JsonPath.from(r.body());
        assertThat(body.getString("type")).isEqualTo("model.activated");
        assertThat(body.getInt("data.detail.version")).isEqualTo(active);
        assertThat(body.getMap("data")).doesNotContainKeys("leadId", "lead");
    }
}
