package io.leadhandoff.event;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventFeedTest {

    @Inject
    TestClock clock;
    @Inject
    EventFeedService feed;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    private record Read(List<Map<String, Object>> events, String cursor) {
    }

    /** Reads the feed from {@code cursor} to its current end. */
    private static Read readAll(String cursor, int pageSize) {
        List<Map<String, Object>> events = new ArrayList<>();
        while (true) {
            RequestSpecification r = given().queryParam("limit", pageSize);
            if (cursor != null) {
                r = r.queryParam("after", cursor);
            }
            JsonPath page = r.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            events.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            if (!page.getBoolean("more")) {
                return new Read(events, cursor);
            }
        }
    }

    private static List<String> typesOf(List<Map<String, Object>> events, String leadId) {
        return events.stream().filter(e -> leadId.equals(e.get("leadId"))).map(e -> (String) e.get("type")).toList();
    }

    @Test
    void feedHasEveryEventOfALeadOnceInTheOrderItHappened() {
        String start = readAll(null, 1000).cursor();
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String token = Api.claim(q, rep, 1, 300).then().statusCode(200).extract().path("claimed[0].leaseToken");
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "repId", rep, "leaseToken", token)).then().statusCode(200);
        Read read = readAll(start, 2);
        assertThat(typesOf(read.events(), id)).containsExactly("lead.created", "lead.scored", "lead.routed", "lead.claimed", "lead.feedback");
        List<Long> positions = read.events().stream().map(e -> ((Number) e.get("position")).longValue()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        Map<String, Object> claimed = read.events().stream().filter(e -> "lead.claimed".equals(e.get("type"))).findFirst().orElseThrow();
        assertThat(claimed.get("queueId")).isEqualTo(q);
        assertThat(claimed.get("actor")).isEqualTo(rep);
    }

    @Test
    void resumingFromTheLastCursorNeitherSkipsNorRepeats() {
        String cursor = readAll(null, 1000).cursor();
        given().queryParam("after", cursor).get("/api/v1/events").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty()).body("nextCursor", equalTo(cursor)).body("more", equalTo(false));
        List<String> ids = List.of(Api.ingest(Map.of("email", TestData.uniqueEmail())), Api.ingest(Map.of("email", TestData.uniqueEmail())));
        Read first = readAll(cursor, 1);
        assertThat(first.events().stream().map(e -> (String) e.get("leadId")).distinct()).containsExactlyElementsOf(ids);
        assertThat(readAll(first.cursor(), 10).events()).isEmpty();
    }

    @Test
    void aBatchWhoseEventsTakeSeveralPositionStatementsIsOnTheFeedOnceInOrder() {
        String start = readAll(null, 1000).cursor();
        int leads = EventFeedService.MARK_CHUNK; // three events each: more than one statement marks their positions
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            items.add(Map.of("email", TestData.uniqueEmail()));
        }
        List<String> ids = given().contentType(ContentType.JSON).body(Map.of("leads", items)).post("/api/v1/leads/batch")
                .then().statusCode(200).extract().jsonPath().getList("results.leadId");
        assertThat(ids).hasSize(leads).doesNotContainNull();
        Read read = readAll(start, 500);
        // a second sequencing round finds nothing left unmarked: nothing is given a second position
        read.events().addAll(readAll(read.cursor(), 500).events());
        for (String id : ids) {
            assertThat(typesOf(read.events(), id)).containsExactly("lead.created", "lead.scored", "lead.routed");
        }
        List<Long> positions = read.events().stream().map(e -> ((Number) e.get("position")).longValue()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(read.events().stream().map(e -> (String) e.get("id")).toList()).doesNotHaveDuplicates();
    }

    @Test
    void concurrentWritersAppearExactlyOnceWhileAReaderPolls() throws Exception {
        String cursor = readAll(null, 1000).cursor();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> created = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            created.add(pool.submit(() -> Api.ingest(Map.of("email", TestData.uniqueEmail()))));
        }
        List<Map<String, Object>> seen = new ArrayList<>();
        while (!created.stream().allMatch(Future::isDone)) {
            Read read = readAll(cursor, 37);
            seen.addAll(read.events());
            cursor = read.cursor();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        Set<String> leads = new HashSet<>();
        for (Future<String> f : created) {
            leads.add(f.get());
        }
        seen.addAll(readAll(cursor, 37).events());
        List<String> createdEvents = seen.stream().filter(e -> "lead.created".equals(e.get("type")) && leads.contains(e.get("leadId")))
                .map(e -> (String) e.get("leadId")).toList();
        assertThat(createdEvents).hasSize(120).doesNotHaveDuplicates();
        assertThat(seen.stream().map(e -> (String) e.get("id")).toList()).doesNotHaveDuplicates();
        assertThat(seen.stream().map(e -> ((Number) e.get("position")).longValue()).toList()).isSorted();
    }

    @Test
    void aCursorOlderThanTheRetentionIsGone() {
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        String early = given().queryParam("limit", 1).get("/api/v1/events").then().statusCode(200).extract().path("nextCursor");
        clock.advance(Duration.ofDays(31));
        assertThat(feed.purge()).isPositive();
        given().queryParam("after", early).get("/api/v1/events").then().statusCode(410)
                .contentType("application/problem+json").body("type", equalTo("urn:lead-handoff:problem:cursor-expired"));
        // a client starting over gets what is retained, and new events still flow
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        assertThat(typesOf(readAll(null, 1000).events(), id)).contains("lead.created");
    }

    @Test
    void refusesForeignCursorsAndLimits() {
        given().queryParam("after", "not-a-cursor").get("/api/v1/events").then().statusCode(422);
        given().queryParam("limit", 5000).get("/api/v1/events").then().statusCode(422);
        given().contentType(ContentType.JSON).queryParam("limit", 0).get("/api/v1/events").then().statusCode(422);
    }
}
