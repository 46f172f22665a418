package io.leadhandoff.common;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a request may take: {@code lead-handoff.request.*} of the configuration tree. */
public interface RequestConfig {

    /**
     * From arrival to answer, retries included. Past it, database work is cut off and the request answers 503
     * with Retry-After. An Idempotency-Key held by a request that never finished can be taken over
     * {@link #takeoverMargin()} after this.
     */
    @WithDefault("10s")
    Duration deadline();

    /** Added to the deadline before an unfinished request's Idempotency-Key may be taken over by a retry. */
    @WithDefault("5s")
    Duration takeoverMargin();

    /** Retry-After, in seconds, sent with a 503 caused by the database. */
    @WithDefault("2")
    int retryAfterSeconds();
}
