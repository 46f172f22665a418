package io.leadhandoff.event;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One sequencer at a time across replicas: the lease row decides which replica gives feed positions. */
@QuarkusTest
class SequencerLeaseTest {

    @Inject
    EntityManager em;
    @Inject
    EventFeedService feed;
    @Inject
    TestClock clock;

    private void leaseHeldBy(String leader, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update event_sequencer set leader = :l, leader_until = :u where id = 1")
                .setParameter("l", leader).setParameter("u", until).executeUpdate());
    }

    @AfterEach
    void freeTheLease() {
        leaseHeldBy(null, null);
    }

    private static List<String> leadsInFeedAfter(String cursor) {
        return given().queryParam("after", cursor).queryParam("limit", 1000).get("/api/v1/events")
                .then().statusCode(200).extract().path("items.leadId");
    }

    @Test
    void aReplicaWithoutTheLeaseServesTheFeedButDoesNotSequenceItUntilTheLeaseExpires() {
        String cursor = given().queryParam("limit", 1000).get("/api/v1/events").then().statusCode(200).extract().path("nextCursor");
        while (!leadsInFeedAfter(cursor).isEmpty()) {
            cursor = given().queryParam("after", cursor).queryParam("limit", 1000).get("/api/v1/events").then().extract().path("nextCursor");
        }
        leaseHeldBy("another-replica", clock.instant().plus(1, ChronoUnit.HOURS));
        String id = Api.ingest(Map.of("email", TestData.uniqueEmail()));

        assertThat(feed.sequenceIfLeader()).isZero();
        assertThat(leadsInFeedAfter(cursor)).doesNotContain(id);

        // the other replica died: its lease runs out and this one takes the feed over
        leaseHeldBy("another-replica", clock.instant().minus(1, ChronoUnit.SECONDS));
        assertThat(leadsInFeedAfter(cursor)).contains(id);
        String leader = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("select leader from event_sequencer where id = 1").getSingleResult());
        assertThat(leader).isNotNull().isNotEqualTo("another-replica");
    }

    @Test
    void onlyTheLeaseHolderPurges() {
        Api.ingest(Map.of("email", TestData.uniqueEmail()));
        given().get("/api/v1/events").then().statusCode(200);
        clock.advance(Duration.ofDays(31));
        leaseHeldBy("another-replica", clock.instant().plus(1000, ChronoUnit.DAYS));
        assertThat(feed.purge()).isZero();
        leaseHeldBy(null, null);
        given().get("/api/v1/events").then().statusCode(200);
        assertThat(feed.purge()).isPositive();
    }
}
