package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import io.leadhandoff.write.WritePath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Group commit of single-lead intake, with the real intake service and transactions behind it. */
@QuarkusTest
class IntakeGroupsTest {

    @Inject
    LeadService service;

    @Inject
    LeadRepository leads;

    @Inject
    WritePath transactions;

    private static NormalizedLead lead(String email) {
        return Normalizer.normalize(new LeadRequest(null, "web", email, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null));
    }

    /** The intake service, able to hold the first group inside its transaction until released. */
    @Vetoed
    private static final class Recording extends LeadService {
        final LeadService real;
        final List<List<String>> groups = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final String poison;

        Recording(LeadService real, String poison) {
            super(null, null, null, null, null, null, null, null, null, null, null, null, null);
            this.real = real;
            this.poison = poison;
        }

        @Override
        public List<Ingested> ingest(List<NormalizedLead> batch, boolean views) {
            groups.add(batch.stream().map(NormalizedLead::email).toList());
            if (groups.size() == 1) {
                entered.countDown();
                await(release);
            }
            if (batch.stream().anyMatch(l -> l.email().equals(poison))) {
                throw new IllegalStateException("cannot store " + poison);
            }
            return real.ingest(batch, views);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestsArrivingWhileAGroupIsWrittenAreWrittenTogetherAsTheNextGroup() throws Exception {
        Recording recording = new Recording(service, "none");
        IntakeGroups groups = new IntakeGroups(recording, transactions, 64, 1, new SimpleMeterRegistry().summary("sizes"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            String first = TestData.uniqueEmail();
            Future<LeadService.Ingested> head = pool.submit(() -> groups.ingest(lead(first), r -> r));
            await(recording.entered);
            List<String> emails = new ArrayList<>();
            List<Future<LeadService.Ingested>> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String email = TestData.uniqueEmail();
                emails.add(email);
                queued.add(pool.submit(() -> groups.ingest(lead(email), r -> r)));
            }
            // all five are waiting for the one writer slot
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queuedCount(groups) >= 5);
            recording.release.countDown();
            assertThat(head.get(30, TimeUnit.SECONDS).view().email()).isEqualTo(first);
            for (int i = 0; i < 5; i++) {
                LeadService.Ingested r = queued.get(i).get(30, TimeUnit.SECONDS);
                assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
                assertThat(r.view().email()).isEqualTo(emails.get(i));
                assertThat(leads.count("email", emails.get(i))).isEqualTo(1);
            }
            assertThat(recording.groups).hasSize(2);
            assertThat(recording.groups.get(1)).containsExactlyInAnyOrderElementsOf(emails);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeadThatCannotBeStoredFailsOnlyItsOwnRequestAndEachAnswerShowsItsOwnTurn() throws Exception {
        String poison = TestData.uniqueEmail();
        Recording recording = new Recording(service, poison);
        IntakeGroups groups = new IntakeGroups(recording, transactions, 64, 1, new SimpleMeterRegistry().summary("sizes"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<LeadService.Ingested> head = pool.submit(() -> groups.ingest(lead(TestData.uniqueEmail()), r -> r));
            await(recording.entered);
            String shared = TestData.uniqueEmail();
            Future<LeadService.Ingested> one = pool.submit(() -> groups.ingest(lead(shared), r -> r));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queuedCount(groups) >= 1);
            Future<LeadService.Ingested> bad = pool.submit(() -> groups.ingest(lead(poison), r -> r));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queuedCount(groups) >= 2);
            Future<LeadService.Ingested> two = pool.submit(() -> groups.ingest(lead(shared), r -> r));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queuedCount(groups) >= 3);
            recording.release.countDown();
            head.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("cannot store " + poison);
            LeadService.Ingested first = one.get(30, TimeUnit.SECONDS);
            LeadService.Ingested second = two.get(30, TimeUnit.SECONDS);
            assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
            assertThat(second.outcome()).isEqualTo(IntakeResult.Outcome.MERGED);
            assertThat(first.view().touches()).isEqualTo(1);
            assertThat(second.view().touches()).isEqualTo(2);
            assertThat(leads.count("email", poison)).isZero();
            // the group of three failed as a whole, then each was written on its own
            assertThat(recording.groups.get(1)).containsExactly(shared, poison, shared);
            assertThat(recording.groups).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int queuedCount(IntakeGroups groups) {
        return groups.waiting();
    }
}
