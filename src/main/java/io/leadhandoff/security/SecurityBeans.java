package io.leadhandoff.security;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The one rate limiter of this replica. */
public class SecurityBeans {

    @Produces
    @Singleton
    RateLimiter rateLimiter() {
        return new RateLimiter(System::nanoTime);
    }
}
