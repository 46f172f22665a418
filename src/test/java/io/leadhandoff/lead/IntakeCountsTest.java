package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.write.WritePath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PessimisticLockException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Intake counters are recorded once the write commits: a transaction the write path runs again counts once. */
@QuarkusTest
class IntakeCountsTest {

    private static final Duration BUDGET = Duration.ofSeconds(20);

    @Inject
    WritePath writes;

    @Inject
    IntakeMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Test
    void anIntakeRetriedAfterLostRacesCountsOnce() {
        double before = received("webinar");
        AtomicInteger attempts = new AtomicInteger();
        writes.job(BUDGET, () -> {
            metrics.received("webinar", IntakeResult.Outcome.CREATED);
            if (attempts.incrementAndGet() < 4) {
                throw new PessimisticLockException("lost a race (test)");
            }
        });
        assertThat(attempts).as("the write path ran the transaction again after each lost race").hasValue(4);
        assertThat(received("webinar") - before).isEqualTo(1.0);
    }

    @Test
    void anIntakeThatFailsCountsNothing() {
        double before = received("partner");
        assertThatThrownBy(() -> writes.job(BUDGET, () -> {
            metrics.received("partner", IntakeResult.Outcome.CREATED);
            throw new IllegalArgumentException("refused (test)");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(received("partner") - before).isZero();
    }

    @Test
    void aRoutingDecisionIsCountedOnlyWhenItsIntakeCommits() {
        double before = routed("queue-counted-once");
        AtomicInteger attempts = new AtomicInteger();
        writes.job(BUDGET, () -> {
            metrics.routed("queue-counted-once", "rule", "r1");
            if (attempts.incrementAndGet() < 3) {
                throw new PessimisticLockException("lost a race (test)");
            }
        });
        assertThat(routed("queue-counted-once") - before).isEqualTo(1.0);
    }

    private double received(String source) {
        Counter counter = registry.find("leadhandoff.leads.received").tag("source", source).tag("result", "created").counter();
        return counter == null ? 0 : counter.count();
    }

    private double routed(String queue) {
        Counter counter = registry.find("leadhandoff.routing.decisions").tag("queue", queue).counter();
        return counter == null ? 0 : counter.count();
    }
}
