package io.leadhandoff.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after the configured schedule's next wait, varied by the jitter, or after the
 * destination's {@code Retry-After} (429, 503) when it gave one; never, after the last wait or for an answer that a
 * retry would not change (4xx other than 408, 409, 429).
 */
@ApplicationScoped
class RetryPolicy {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> schedule;
    private final double jitter;

    @Inject
    RetryPolicy(WebhookConfig config) {
        this(config.retrySchedule(), config.jitter());
    }

    RetryPolicy(List<Duration> schedule, double jitter) {
        this.schedule = List.copyOf(schedule);
        this.jitter = Math.max(0, Math.min(1, jitter));
    }

    /** How many attempts an event gets in all. */
    int maxAttempts() {
        return schedule.size() + 1;
    }

    /** The wait before the next attempt, after {@code attempts} failed ones ending with {@code last}; null: dead letter. */
    Duration next(int attempts, Outcome last) {
        if (!last.retryable() || attempts >= maxAttempts()) {
            return null;
        }
        if (last.retryAfter() != null && last.status() != null && (last.status() == 429 || last.status() == 503)) {
            return last.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : last.retryAfter();
        }
        Duration base = schedule.get(attempts - 1);
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
