package io.leadhandoff.common;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a replica starts ({@code lead-handoff.startup.*}). */
public interface StartupConfig {

    /**
     * How long a starting replica keeps trying to reach the database (its first connection, then the schema
     * migration) before it exits non-zero: long enough for a loaded host or a database that is restarting, short
     * enough that a database that is really down is a crash loop the orchestrator can see.
     */
    @WithDefault("30s")
    Duration databaseWindow();

    /**
     * Drops every table before migrating, once the database answered: the test suite starts each run from an
     * empty schema. Never set in production.
     */
    @WithDefault("false")
    boolean cleanSchema();
}
