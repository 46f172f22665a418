package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.write.TransactionRunner;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.control.ActivateRequestContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.Session;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Database work is cut off when its deadline passes, and the request gets a 503, not a 500. */
@QuarkusTest
class ConnectionWatchdogTest {

    @Inject
    TransactionRunner transactions;

    @Inject
    EntityManager em;

    @Inject
    ConnectionWatchdog watchdog;

    @Inject
    Deadlines deadlines;

    /**
     * A request context that no HTTP request opened — a scheduled job's, a test method's — has no deadline: a
     * background rebuild is not cut off after 10 s (it once was, from the first use of its context).
     */
    @Test
    @ActivateRequestContext
    void workNoRequestWaitsForHasNoDeadlineEvenInARequestContext() {
        assertThat(Arc.container().requestContext().isActive()).isTrue();
        assertThat(deadlines.current()).isNull();
        em.createNativeQuery("select 1").getSingleResult();
        assertThat(deadlines.current()).isNull();
        Deadline own = Deadline.in(Duration.ofSeconds(5));
        assertThat(Deadlines.within(own, deadlines::current)).isSameAs(own);
    }

    /** MySQL/MariaDB only: aborting an embedded H2 connection does not end the session it belongs to. */
    @Test
    @EnabledIfSystemProperty(named = "test.db", matches = "mysql")
    void workStillHoldingItsConnectionWhenItsDeadlinePassesIsCutOffWithA503() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transactions.call(deadline, () -> {
            em.createNativeQuery("select 1").getSingleResult();
            assertThat(watchdog.armedCount()).as("the connection is watched").isPositive();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(deadline::wasCutOff);
            return em.createNativeQuery("select 2").getSingleResult();
        }, false)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE))
                .satisfies(e -> assertThat(((ProblemException) e).headers()).containsKey("Retry-After"));
        assertThat(deadline.wasCutOff()).isTrue();
    }

    /**
     * Only this work's connection is looked at: background work (webhook deliveries, the sweeper) arms and
     * disarms connections of its own at any moment, so the count of armed connections proves nothing here.
     */
    @Test
    void workThatFinishesInTimeIsNotTouchedAndItsConnectionIsDisarmed() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(5));
        AtomicReference<Connection> used = new AtomicReference<>();
        Object one = transactions.call(deadline, () -> {
            Object answer = em.createNativeQuery("select 1").getSingleResult();
            used.set(em.unwrap(Session.class).doReturningWork(c -> c));
            assertThat(watchdog.isArmed(used.get())).as("the connection is watched while the work holds it").isTrue();
            return answer;
        }, false);
        assertThat(((Number) one).intValue()).isEqualTo(1);
        assertThat(watchdog.isArmed(used.get())).as("the connection is disarmed once returned").isFalse();
        assertThat(deadline.wasCutOff()).isFalse();
    }
}
