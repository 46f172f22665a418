package io.leadhandoff.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key, in this replica's memory: a key may make {@code burst} requests at once and
 * {@code perSecond} on average. With N replicas behind a load balancer a key gets up to N times the
 * configured rate; the README says so. Time comes from the service's clock (whole seconds: tokens come back a
 * second's worth at a time); a clock set back refills nothing.
 */
public class RateLimiter {

    /** A key's limit: refill rate per second and bucket size. */
    public record Limit(int perSecond, int burst) {
        /** The policy as an IETF RateLimit-Policy item: quota {@code burst} per window that refills it. */
        public long windowSeconds() {
            return Math.max(1, (long) Math.ceil((double) burst / perSecond));
        }
    }

    /** The answer for one request: allowed or not, tokens left, seconds until a token (or the bucket) is back. */
    public record Decision(boolean allowed, long remaining, long retryAfterMillis, long resetSeconds) {
    }

    private static final int MAX_BUCKETS = 100_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    public Decision take(String key, Limit limit) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        return bucket.take(limit, now);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(Limit limit, long now) {
            tokens = Math.min(limit.burst(), tokens + Math.max(0, now - updated) / 1e3 * limit.perSecond());
            updated = Math.max(updated, now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long retryAfterMillis = allowed ? 0 : (long) Math.ceil((1 - tokens) / limit.perSecond() * 1000);
            long resetSeconds = (long) Math.ceil((limit.burst() - tokens) / limit.perSecond());
            return new Decision(allowed, (long) Math.floor(tokens), retryAfterMillis, resetSeconds);
        }
    }
}
