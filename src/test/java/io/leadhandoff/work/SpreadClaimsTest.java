package io.leadhandoff.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Claims with {@code lead-handoff.work.claim-spread} above 1, as Galera multi-writer deployments run them. */
@QuarkusTest
@TestProfile(SpreadClaimsTest.Spread.class)
class SpreadClaimsTest {

    public static class Spread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lead-handoff.work.claim-spread", "4");
        }
    }

    @Inject
    TestClock clock;

    @AfterEach
    void cleanUp() {
        Api.restoreDefaultRules();
    }

    /** Leads of equal score, each queued a second after the one before: best first is the order they came in. */
    private List<String> queuedInOrder(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Api.ingest(Map.of("email", TestData.uniqueEmail(), "title", "Manager")));
            clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    @Test
    void claimsEveryReadyLeadOnceAndNotStrictlyBestFirst() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        List<String> queued = queuedInOrder(12);
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            claimed.addAll(Api.claim(q, rep, 1, 300).then().statusCode(200).extract().<List<String>>path("claimed.lead.id"));
        }
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(queued);
        // strict best-first would take them in this order; a spread of 4 does so with a chance of about 1 in 10^6
        assertThat(claimed).isNotEqualTo(queued);
        assertThat(Api.claim(q, rep, 1, 300).then().statusCode(200).extract().<List<String>>path("claimed")).isEmpty();
    }

    @Test
    void claimsEveryLeadWhenTheQueueHoldsFewerThanTheSpreadReads() {
        String rep = TestData.unique("rep");
        String q = Api.routedQueue("pull", Map.of(), rep);
        List<String> queued = queuedInOrder(5);
        List<String> first = Api.claim(q, rep, 3, 300).then().statusCode(200).extract().path("claimed.lead.id");
        List<String> rest = Api.claim(q, rep, 3, 300).then().statusCode(200).extract().path("claimed.lead.id");
        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2);
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(all).containsExactlyInAnyOrderElementsOf(queued);
        assertThat(Api.claim(q, rep, 3, 300).then().statusCode(200).extract().<List<String>>path("claimed")).isEmpty();
    }

    @Test
    void concurrentClaimersTakeEveryLeadExactlyOnce() throws Exception {
        List<String> reps = List.of(TestData.unique("rep"), TestData.unique("rep"), TestData.unique("rep"), TestData.unique("rep"));
        String q = Api.routedQueue("pull", Map.of(), reps.toArray(String[]::new));
        List<String> queued = queuedInOrder(24);
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(reps.size());
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (String rep : reps) {
                claimers.add(pool.submit(() -> {
                    while (true) {
                        List<String> got = Api.claim(q, rep, 2, 300).then().statusCode(200).extract().path("claimed.lead.id");
                        if (got.isEmpty()) {
                            return;
                        }
                        claimed.addAll(got);
                    }
                }));
            }
            for (Future<?> claimer : claimers) {
                claimer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(queued);
    }
}
