package io.leadhandoff.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Deadlines in group commit, without a database: the transaction is the calling thread. */
class GroupCommitTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstGroupEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstGroup = new CountDownLatch(1);

    private GroupCommit<String, String> oneWriter() {
        Transactor inline = new Transactor() {
            @Override
            public <T> T call(Deadline deadline, java.util.function.Supplier<T> work, boolean rerunIsSafe) {
                return work.get();
            }
        };
        return new GroupCommit<>(items -> {
            if (items.contains("first")) {
                firstGroupEntered.countDown();
                await(releaseFirstGroup);
            }
            written.addAll(items);
            return items;
        }, inline, 64, 1, new SimpleMeterRegistry().summary("sizes"));
    }

    @Test
    void aRequestWhoseDeadlinePassesWhileQueuedLeavesWith503AndIsNeverWritten() throws Exception {
        GroupCommit<String, String> groups = oneWriter();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> groups.submit("first", Deadline.in(Duration.ofSeconds(30)), r -> r));
            assertThat(firstGroupEntered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> groups.submit("late", Deadline.in(Duration.ofMillis(200)), r -> r))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).type().status()).isEqualTo(503))
                    .satisfies(e -> assertThat(((ProblemException) e).headers()).containsKey("Retry-After"));
            releaseFirstGroup.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            String after = groups.submit("after", Deadline.in(Duration.ofSeconds(5)), r -> r);
            assertThat(after).isEqualTo("after");
            assertThat(written).containsExactly("first", "after");
            assertThat(groups.waiting()).isZero();
        } finally {
            releaseFirstGroup.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupWhoseCommitOutcomeIsUnknownFailsEveryMemberInsteadOfWritingThemAgain() throws Exception {
        List<List<String>> attempts = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Transactor unknownOutcome = new Transactor() {
            @Override
            public <T> T call(Deadline deadline, java.util.function.Supplier<T> work, boolean rerunIsSafe) {
                work.get();
                throw new TransactionRunner.OutcomeUnknown("lost during commit", 2);
            }
        };
        GroupCommit<String, String> groups = new GroupCommit<>(items -> {
            attempts.add(List.copyOf(items));
            if (items.contains("holder")) {
                entered.countDown();
                await(release);
            }
            return items;
        }, unknownOutcome, 64, 1, new SimpleMeterRegistry().summary("sizes"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String> holder = pool.submit(() -> groups.submit("holder", Deadline.in(Duration.ofSeconds(30)), r -> r));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> a = pool.submit(() -> groups.submit("a", Deadline.in(Duration.ofSeconds(30)), r -> r));
            Future<String> b = pool.submit(() -> groups.submit("b", Deadline.in(Duration.ofSeconds(30)), r -> r));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> groups.waiting() >= 2);
            release.countDown();
            for (Future<String> f : List.of(holder, a, b)) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionRunner.OutcomeUnknown.class);
            }
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0)).containsExactly("holder");
            assertThat(attempts.get(1)).as("the second group, written once and not again one by one").containsExactlyInAnyOrder("a", "b");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
