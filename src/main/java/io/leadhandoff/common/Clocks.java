package io.leadhandoff.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock of the service; tests replace it to control time. */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock() {
        // Whole seconds: MariaDB announces itself to MySQL Connector/J as "5.5.5-10.x", so the driver
        // believes the server predates fractional seconds and drops them on every write. Ticking in
        // seconds keeps what the API answers identical to what any supported database stores.
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofSeconds(1));
    }
}
