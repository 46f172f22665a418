package io.leadhandoff.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service's in-memory caches are Caffeine caches bounded in size and time, never maps that grow without end or
 * empty themselves when full. Their time is the injected clock's; their upkeep runs on the calling thread.
 */
public final class Caches {

    /** Compiled versions kept per replica: the active, the challenger and the few a report or preview asks for. */
    public static final int VERSIONS = 32;
    /** A compiled version nobody asked for this long is dropped (it is compiled again on the next use). */
    public static final Duration VERSION_IDLE = Duration.ofHours(1);

    private Caches() {
    }

    /** Compiled forms of immutable versions (scoring models, routing rule sets) by version number. */
    public static <V> Cache<Integer, V> versions(Clock clock) {
        return Caffeine.newBuilder().maximumSize(VERSIONS).expireAfterAccess(VERSION_IDLE).ticker(ticker(clock))
                .executor(Runnable::run).build();
    }

    /** Caffeine's time source read from the injected clock. */
    public static Ticker ticker(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
