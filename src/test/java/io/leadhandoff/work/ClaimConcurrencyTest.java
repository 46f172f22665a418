package io.leadhandoff.work;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many claimers on one queue while leads arrive: every lead is handed out exactly once, none is lost. */
@QuarkusTest
class ClaimConcurrencyTest {

    private static final int LEADS = 240;
    private static final int CLAIMERS = 8;

    @AfterEach
    void restoreRules() {
        Api.restoreDefaultRules();
    }

    @Test
    void everyLeadIsClaimedExactlyOnceWhileLeadsArrive() throws Exception {
        List<String> reps = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            reps.add(TestData.unique("claimer"));
        }
        String queue = Api.routedQueue("pull", Map.of(), reps.toArray(String[]::new));
        String campaign = TestData.unique("race");

        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS + 1);
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        Set<String> ingested = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean ingestDone = new AtomicBoolean();
        try {
            Future<?> ingestor = pool.submit(() -> {
                for (int batch = 0; batch < LEADS / 40; batch++) {
                    List<Object> leads = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        leads.add(Map.of("email", TestData.uniqueEmail(), "campaign", campaign));
                    }
                    Response r = given().contentType(ContentType.JSON).body(Map.of("leads", leads)).post("/api/v1/leads/batch");
                    assertThat(r.statusCode()).isEqualTo(200);
                    ingested.addAll(r.path("results.leadId"));
                }
                ingestDone.set(true);
            });
            List<Future<?>> claimers = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (String rep : reps) {
                claimers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Response r = given().contentType(ContentType.JSON)
                                .body(Map.of("repId", rep, "count", 5, "leaseSeconds", 600))
                                .post("/api/v1/queues/" + queue + "/claims");
                        assertThat(r.statusCode()).isEqualTo(200);
                        List<String> ids = r.path("claimed.lead.id");
                        claimed.addAll(ids);
                        if (ids.isEmpty() && ingestDone.get()) {
                            return;
                        }
                    }
                }));
            }
            ingestor.get(120, TimeUnit.SECONDS);
            for (Future<?> f : claimers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> all = new ArrayList<>(claimed);
        assertThat(ingested).hasSize(LEADS);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(ingested);
        String sample = all.get(all.size() / 2);
        List<String> types = given().get("/api/v1/leads/" + sample + "/history").path("items.type");
        assertThat(types.stream().filter("lead.claimed"::equals).count()).isEqualTo(1);
    }
}
