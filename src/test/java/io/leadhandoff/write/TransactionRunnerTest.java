package io.leadhandoff.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

/** What the runner does with work that loses races: runs it again, and answers a conflict when the races outlast it. */
@QuarkusTest
class TransactionRunnerTest {

    @Inject
    TransactionRunner transactions;

    private static RuntimeException certificationConflict() {
        return new LockAcquisitionException("could not execute statement",
                new SQLException("WSREP detected deadlock/conflict and aborted the transaction", "40001", 1213));
    }

    @Test
    void aRaceLostAFewTimesIsRunAgainUntilItIsWon() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = transactions.call(Deadline.in(Duration.ofSeconds(10)), () -> {
            if (attempts.incrementAndGet() <= 4) {
                throw certificationConflict();
            }
            return "stored";
        }, false);
        assertThat(answer).isEqualTo("stored");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void racesThatOutlastTheAttemptsAreAConflictWithRetryAfterNotAnOutage() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.call(Deadline.in(Duration.ofSeconds(10)), () -> {
            attempts.incrementAndGet();
            throw certificationConflict();
        }, false)).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.type()).isEqualTo(ProblemType.CONFLICT);
            assertThat(p.headers()).containsEntry("Retry-After", "1");
        });
        assertThat(attempts.get()).isGreaterThan(5);
    }
}
