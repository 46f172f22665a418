package io.leadhandoff.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Security settings; see the README's configuration table. */
@ConfigMapping(prefix = "lead-handoff.security")
public interface SecurityConfig {

    /**
     * An admin key accepted without being stored, so a fresh install can create its real keys
     * (LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY). At least 24 characters.
     */
    Optional<String> bootstrapAdminKey();

    /** Requests per second a key may make on average, unless the key sets its own. */
    @WithDefault("50")
    int defaultRatePerSecond();

    /** Requests a key may make at once, unless the key sets its own. */
    @WithDefault("100")
    int defaultBurst();

    /**
     * Source webhook deliveries per second that one client address may send with a missing, wrong or stale
     * signature (on average), before it is answered 429 without its signature being checked. Deliveries that verify
     * are charged to their source's own limit only, so unsigned traffic can never spend a tool's budget.
     */
    @WithDefault("2")
    int unverifiedWebhooksPerSecond();

    /** Unverified source webhook deliveries one client address may send at once. */
    @WithDefault("20")
    int unverifiedWebhookBurst();

    /**
     * How long a replica trusts a key it has checked against the database before checking again. A
     * revocation holds at once on the replica that revoked the key and within this time on the others.
     * 0 checks the database on every request.
     */
    @WithDefault("PT1S")
    java.time.Duration keyCacheTtl();
}
