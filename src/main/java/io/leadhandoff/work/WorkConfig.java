package io.leadhandoff.work;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Claims, leases and the expiry sweeper: {@code lead-handoff.work.*} of the configuration tree. */
public interface WorkConfig {

    /**
     * Claims take a random choice among the {@code spread × count} best ready leads instead of the very best;
     * 8 for Galera multi-writer, where row locks are local to a node.
     */
    @WithDefault("1")
    int claimSpread();

    /** How often each replica returns expired leases to their queue and escalates SLA breaches. */
    @WithDefault("15s")
    Duration sweepInterval();
}
