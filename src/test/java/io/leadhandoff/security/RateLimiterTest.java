package io.leadhandoff.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The token buckets run on the service's clock: tokens come back only as that clock moves. */
class RateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(TestClock.start());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final RateLimiter limiter = new RateLimiter(clock);
    private final RateLimiter.Limit twoPerSecond = new RateLimiter.Limit(2, 4);

    @Test
    void aFullBucketAllowsTheBurstThenRefusesWhileTheClockStandsStill() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.take("k", twoPerSecond).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.take("k", twoPerSecond);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(500);
        assertThat(refused.resetSeconds()).isEqualTo(2);
    }

    @Test
    void tokensComeBackAsTheClockMoves() {
        for (int i = 0; i < 5; i++) {
            limiter.take("k", twoPerSecond);
        }
        now.updateAndGet(t -> t.plus(Duration.ofSeconds(1)));
        assertThat(limiter.take("k", twoPerSecond).allowed()).isTrue();
        assertThat(limiter.take("k", twoPerSecond).allowed()).isTrue();
        assertThat(limiter.take("k", twoPerSecond).allowed()).isFalse();
    }

    @Test
    void aClockSetBackRefillsNothing() {
        for (int i = 0; i < 4; i++) {
            limiter.take("k", twoPerSecond);
        }
        now.updateAndGet(t -> t.minus(Duration.ofHours(1)));
        assertThat(limiter.take("k", twoPerSecond).allowed()).isFalse();
        now.updateAndGet(t -> t.plus(Duration.ofHours(1)).plusMillis(500));
        assertThat(limiter.take("k", twoPerSecond).allowed()).isTrue();
    }
}
