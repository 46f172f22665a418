package io.leadhandoff.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets per key, in this replica's memory: a key may make {@code burst} requests at once and
 * {@code perSecond} on average. With N replicas behind a load balancer a key gets up to N times the
 * configured rate; the README says so. Time comes from the service's clock (whole seconds: tokens come back a
 * second's worth at a time), read so that it never goes back: a clock set back refills nothing.
 *
 * <p>Buckets live in bounded Caffeine caches, one per kind of bucket (the text before the first {@code :} of a
 * bucket's name: {@code key}, {@code source}, {@code console-sign-in}, ...). A bucket is dropped once it would have
 * refilled completely (a full bucket and no bucket answer alike, so nothing is forgotten), or when its kind holds
 * {@code maxBucketsPerKind} buckets; then Caffeine's frequency-based admission keeps the busy buckets. Buckets of
 * one kind never push out another kind's: a caller cycling through client addresses cannot reset any key's or
 * source's limit, nor, by flooding, the limits of the addresses it was refused from.
 */
public class RateLimiter {

    /** A key's limit: refill rate per second and bucket size. */
    public record Limit(int perSecond, int burst) {
        /** The policy as an IETF RateLimit-Policy item: quota {@code burst} per window that refills it. */
        public long windowSeconds() {
            return Math.max(1, (long) Math.ceil((double) burst / perSecond));
        }

        /** How long an empty bucket takes to fill up again. */
        long refillNanos() {
            return (long) Math.ceil((double) burst / perSecond * 1e9);
        }
    }

    /** The answer for one request: allowed or not, tokens left, seconds until a token (or the bucket) is back. */
    public record Decision(boolean allowed, long remaining, long retryAfterMillis, long resetSeconds) {
    }

    /** Buckets kept per kind when none is given: far more API keys, sources or busy addresses than a replica serves. */
    static final int MAX_BUCKETS_PER_KIND = 100_000;

    private final Map<String, Cache<String, Bucket>> kinds = new ConcurrentHashMap<>();
    private final LongSupplier nanos;
    private final int maxBucketsPerKind;

    public RateLimiter(Clock clock) {
        this(monotonicNanos(clock), MAX_BUCKETS_PER_KIND);
    }

    RateLimiter(LongSupplier nanos, int maxBucketsPerKind) {
        this.nanos = nanos;
        this.maxBucketsPerKind = maxBucketsPerKind;
    }

    /** The clock's time in nanoseconds (the unit of the buckets and of their cache's ticker), never going back. */
    static LongSupplier monotonicNanos(Clock clock) {
        AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
        return () -> latest.accumulateAndGet(clock.millis() * 1_000_000L, Math::max);
    }

    public Decision take(String key, Limit limit) {
        Bucket bucket = buckets(key).get(key, k -> new Bucket(limit, nanos.getAsLong()));
        return bucket.take(limit, nanos.getAsLong(), true);
    }

    /** What {@link #take} would answer now, without taking a token (nor keeping a bucket for an unknown key). */
    public Decision peek(String key, Limit limit) {
        Bucket bucket = buckets(key).getIfPresent(key);
        return (bucket == null ? new Bucket(limit, nanos.getAsLong()) : bucket).take(limit, nanos.getAsLong(), false);
    }

    /** Buckets held now, over every kind (after pending evictions): for tests and diagnostics. */
    long size() {
        kinds.values().forEach(Cache::cleanUp);
        return kinds.values().stream().mapToLong(Cache::estimatedSize).sum();
    }

    private Cache<String, Bucket> buckets(String key) {
        int colon = key.indexOf(':');
        return kinds.computeIfAbsent(colon < 0 ? key : key.substring(0, colon), kind -> Caffeine.newBuilder()
                .maximumSize(maxBucketsPerKind)
                .expireAfter(new UntilFull())
                .ticker(nanos::getAsLong)
                .executor(Runnable::run)
                .build());
    }

    /** A bucket expires when it would be full again: from then on it answers exactly as a new one. */
    private static final class UntilFull implements Expiry<String, Bucket> {
        @Override
        public long expireAfterCreate(String key, Bucket bucket, long now) {
            return bucket.refillNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Bucket bucket, long now, long remaining) {
            return bucket.refillNanos();
        }

        @Override
        public long expireAfterRead(String key, Bucket bucket, long now, long remaining) {
            return bucket.refillNanos();
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updated;
        private volatile long refillNanos;

        Bucket(Limit limit, long now) {
            this.tokens = limit.burst();
            this.updated = now;
            this.refillNanos = limit.refillNanos();
        }

        long refillNanos() {
            return refillNanos;
        }

        synchronized Decision take(Limit limit, long now, boolean consume) {
            refillNanos = limit.refillNanos();
            tokens = Math.min(limit.burst(), tokens + (now - updated) / 1e9 * limit.perSecond());
            updated = now;
            boolean allowed = tokens >= 1;
            if (allowed && consume) {
                tokens -= 1;
            }
            long retryAfterMillis = allowed ? 0 : (long) Math.ceil((1 - tokens) / limit.perSecond() * 1000);
            long resetSeconds = (long) Math.ceil((limit.burst() - tokens) / limit.perSecond());
            return new Decision(allowed, (long) Math.floor(tokens), retryAfterMillis, resetSeconds);
        }
    }
}
