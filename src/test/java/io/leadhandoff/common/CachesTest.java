package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 32, item 8: the compiled-version caches (scoring models, rule sets) are bounded in size and time. */
class CachesTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aVersionCacheHoldsAtMostItsBoundAndKeepsTheVersionInUse() {
        Cache<Integer, String> cache = Caches.versions(new MovingClock());
        for (int version = 1; version <= 10 * Caches.VERSIONS; version++) {
            cache.put(version, "compiled " + version);
            cache.getIfPresent(1);
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(Caches.VERSIONS);
        assertThat(cache.getIfPresent(1)).as("the version asked for all along").isEqualTo("compiled 1");
    }

    @Test
    void aVersionNobodyAskedForInAnHourIsDropped() {
        MovingClock clock = new MovingClock();
        Cache<Integer, String> cache = Caches.versions(clock);
        cache.put(7, "compiled 7");
        clock.now = clock.now.plus(Caches.VERSION_IDLE.minus(Duration.ofMinutes(1)));
        assertThat(cache.getIfPresent(7)).isEqualTo("compiled 7");
        clock.now = clock.now.plus(Caches.VERSION_IDLE.plus(Duration.ofMinutes(1)));
        assertThat(cache.getIfPresent(7)).isNull();
    }
}
