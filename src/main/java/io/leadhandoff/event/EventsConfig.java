package io.leadhandoff.event;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The change feed: {@code lead-handoff.events.*} of the configuration tree. */
public interface EventsConfig {

    /** How long the change feed serves events; an older cursor is a 410. The lead history itself is kept. */
    @WithDefault("P30D")
    Duration retention();

    /**
     * How long a replica holds the change-feed sequencer lease without renewing it (it renews at half-time); a dead
     * holder's feed pauses at most this long.
     */
    @WithDefault("10s")
    Duration sequencerLease();

    /** How often the replica holding the sequencer lease gives new events their feed positions. */
    @WithDefault("1s")
    Duration sequenceEvery();
}
