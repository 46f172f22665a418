package io.leadhandoff.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private final RetryPolicy policy = new RetryPolicy(SCHEDULE, 0.2);

    private static Outcome status(int status, Duration retryAfter) {
        return new Outcome(status, 10, null, "", retryAfter);
    }

    @Property
    void eachWaitIsTheScheduleWithinTheJitter(@ForAll @IntRange(min = 1, max = 7) int attempts) {
        Duration wait = policy.next(attempts, status(500, null));
        Duration base = SCHEDULE.get(attempts - 1);
        assertThat(wait).isBetween(Duration.ofMillis(Math.round(base.toMillis() * 0.8)), Duration.ofMillis(Math.round(base.toMillis() * 1.2)));
    }

    @Test
    void afterTheLastAttemptTheEventIsDead() {
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(policy.next(8, status(500, null))).isNull();
    }

    @Property
    void clientErrorsOtherThan408And409And429AreFinal(@ForAll @IntRange(min = 400, max = 499) int status) {
        Duration wait = policy.next(1, status(status, null));
        if (status == 408 || status == 409 || status == 429) {
            assertThat(wait).isNotNull();
        } else {
            assertThat(wait).isNull();
        }
    }

    @Test
    void timeoutsAndConnectionErrorsAreRetried() {
        assertThat(policy.next(1, new Outcome(null, 10_000, "timeout after 10 s", null, null))).isNotNull();
    }

    @Test
    void retryAfterOfA429Or503ReplacesTheSchedule() {
        assertThat(policy.next(1, status(429, Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.next(1, status(503, Duration.ofDays(3)))).isEqualTo(RetryPolicy.MAX_RETRY_AFTER);
        assertThat(policy.next(1, status(500, Duration.ofSeconds(120)))).isNotEqualTo(Duration.ofSeconds(120));
    }
}
