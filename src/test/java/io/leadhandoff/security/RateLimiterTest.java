package io.leadhandoff.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 32, item 8: the buckets are a bounded cache that nobody can empty by cycling through names. And they run on
 * the service's clock: tokens come back only as that clock moves, never when it is set back.
 */
class RateLimiterTest {

    private static final RateLimiter.Limit KEY = new RateLimiter.Limit(1, 3);
    private static final RateLimiter.Limit ADDRESS = new RateLimiter.Limit(1, 10);
    private static final int BOUND = 500;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(nanos::get, BOUND);

    @Test
    void floodingAnotherKindOfBucketPastTheBoundDoesNotResetAKeysBucket() {
        exhaust("key:legitimate", KEY);
        for (int i = 0; i < 20 * BOUND; i++) {
            limiter.take("console-sign-in:198.18." + (i / 250) + "." + (i % 250), ADDRESS);
        }
        assertThat(limiter.size()).as("bounded").isLessThanOrEqualTo(BOUND + 1L);
        assertThat(limiter.take("key:legitimate", KEY).allowed()).as("the key's bucket is still empty").isFalse();
    }

    @Test
    void aBusyBucketSurvivesAFloodOfItsOwnKindPastTheBound() {
        exhaust("console-sign-in:203.0.113.7", ADDRESS);
        for (int i = 0; i < 20 * BOUND; i++) {
            limiter.take("console-sign-in:198.18." + (i / 250) + "." + (i % 250), ADDRESS);
            if (i % 50 == 0) {
                assertThat(limiter.take("console-sign-in:203.0.113.7", ADDRESS).allowed()).as("after %d others", i).isFalse();
            }
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(BOUND + 1L);
    }

    @Test
    void aBucketIsForgottenOnlyOnceItWouldBeFullAgain() {
        exhaust("source:hubspot-eu", KEY);
        nanos.addAndGet(2_000_000_000L);
        assertThat(limiter.size()).as("2 s after: not yet full, kept").isEqualTo(1);
        assertThat(limiter.peek("source:hubspot-eu", KEY).remaining()).isEqualTo(2);
        nanos.addAndGet(3_100_000_000L);
        assertThat(limiter.size()).as("full again: dropped").isZero();
        assertThat(limiter.take("source:hubspot-eu", KEY).remaining()).isEqualTo(2);
    }

    @Test
    void peekingTakesNothing() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.peek("source-unverified:203.0.113.9", KEY).allowed()).isTrue();
        }
        exhaust("source-unverified:203.0.113.9", KEY);
        assertThat(limiter.peek("source-unverified:203.0.113.9", KEY).allowed()).isFalse();
    }

    private final AtomicReference<Instant> now = new AtomicReference<>(TestClock.start());
    private final RateLimiter onClock = new RateLimiter(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });
    private final RateLimiter.Limit twoPerSecond = new RateLimiter.Limit(2, 4);

    @Test
    void onTheServicesClockAFullBucketAllowsTheBurstThenRefusesWhileTheClockStandsStill() {
        for (int i = 0; i < 4; i++) {
            assertThat(onClock.take("key:k", twoPerSecond).allowed()).isTrue();
        }
        RateLimiter.Decision refused = onClock.take("key:k", twoPerSecond);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(500);
        assertThat(refused.resetSeconds()).isEqualTo(2);
    }

    @Test
    void tokensComeBackAsTheClockMoves() {
        for (int i = 0; i < 5; i++) {
            onClock.take("key:k", twoPerSecond);
        }
        now.updateAndGet(t -> t.plus(Duration.ofSeconds(1)));
        assertThat(onClock.take("key:k", twoPerSecond).allowed()).isTrue();
        assertThat(onClock.take("key:k", twoPerSecond).allowed()).isTrue();
        assertThat(onClock.take("key:k", twoPerSecond).allowed()).isFalse();
    }

    @Test
    void aClockSetBackRefillsNothing() {
        for (int i = 0; i < 4; i++) {
            onClock.take("key:k", twoPerSecond);
        }
        now.updateAndGet(t -> t.minus(Duration.ofHours(1)));
        assertThat(onClock.take("key:k", twoPerSecond).allowed()).isFalse();
        now.updateAndGet(t -> t.plus(Duration.ofHours(1)).plusMillis(500));
        assertThat(onClock.take("key:k", twoPerSecond).allowed()).isTrue();
    }

    private void exhaust(String bucket, RateLimiter.Limit limit) {
        for (int i = 0; i < limit.burst(); i++) {
            assertThat(limiter.take(bucket, limit).allowed()).isTrue();
        }
        assertThat(limiter.take(bucket, limit).allowed()).isFalse();
    }
}
