package io.leadhandoff.routing;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lead-to-account matching: how close a company name must be, and how often replicas look for account changes. */
public interface AccountsConfig {

    /**
     * Jaro–Winkler similarity (0–1) of the normalised company names at or above which a lead matches an account
     * fuzzily. At 0.92 "Globex" matches "Globexx" while "Acme" does not match "Acme Bank" (0.89).
     */
    @WithDefault("0.92")
    double fuzzyThreshold();

    /**
     * Two accounts whose similarity to the lead's company is within this margin of each other are ambiguous: the lead
     * is matched to neither and the trace lists both.
     */
    @WithDefault("0.02")
    double ambiguityMargin();

    /** How often each replica checks the accounts' version for changes made on any replica, and rebuilds its index. */
    @WithDefault("1s")
    Duration refreshInterval();
}
