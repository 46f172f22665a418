package io.leadhandoff.security;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** API keys and rate limits: {@code lead-handoff.security.*} of the configuration tree. */
public interface SecurityConfig {

    /**
     * An admin key accepted without being stored, so a fresh install can create its real keys; at least 24
     * characters, from a secret store. It is refused once an active admin key exists (unless
     * {@link #keepBootstrapKey()}), and works again if every admin key has been revoked.
     */
    Optional<String> bootstrapAdminKey();

    /**
     * Keep accepting the bootstrap admin key after admin keys exist. Logged as a warning at every start while
     * set; for installations whose secret store rotates the bootstrap key as their break-glass credential.
     */
    @WithDefault("false")
    boolean keepBootstrapKey();

    /** Requests per second a key (or a source's webhook) may make on average, per replica, unless it sets its own. */
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
    Duration keyCacheTtl();
}
