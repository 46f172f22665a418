package io.leadhandoff.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one rate limiter of this replica. */
public class SecurityBeans {

    @Produces
    @Singleton
    RateLimiter rateLimiter(Clock clock) {
        return new RateLimiter(clock);
    }
}
