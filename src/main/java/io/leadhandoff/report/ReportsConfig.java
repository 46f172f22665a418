package io.leadhandoff.report;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Report aggregates: {@code lead-handoff.reports.*} of the configuration tree. */
public interface ReportsConfig {

    /**
     * How old this replica's last refresh of the report aggregates may be before a report refreshes them first;
     * {@code PT0S} makes every report exact as of its request.
     */
    @WithDefault("PT30S")
    Duration maxStaleness();

    /** How often the background job refreshes the report aggregates on every replica. */
    @WithDefault("30s")
    Duration refreshEvery();
}
