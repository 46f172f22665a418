package io.leadhandoff.webhook;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Outbound webhooks; see docs/api/webhooks.md. */
public interface WebhookConfig {

    /**
     * Destinations allowed although they are private (LEAD_HANDOFF_WEBHOOKS_ALLOWED_HOSTS, comma-separated): host names
     * (matched as written in the URL, whatever they resolve to), IP addresses and CIDR ranges (matched against a URL whose
     * host is an address literal). An allowed host may also be reached over plain http. Empty: only public https hosts.
     */
    Optional<List<String>> allowedHosts();

    /**
     * How often each replica looks for something to deliver (a scheduler expression; {@code off} disables the job).
     * While passes find work, they follow each other without waiting (for up to 10 s, then the next tick goes on).
     * Quarkus's scheduler runs a job at most once a second: a shorter interval acts as {@code 1s}.
     */
    @WithDefault("1s")
    String deliverEvery();

    /** How long one delivery may take, from connecting to the end of the answer. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Waits before the retries of a failed delivery; after the last one the event becomes a dead letter. */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each wait is varied by up to this fraction either way, so that retries of many events do not arrive at once. */
    @WithDefault("0.2")
    double jitter();

    /** A subscription whose deliveries have failed without a success for this long is disabled. */
    @WithDefault("P3D")
    Duration disableAfter();

    /**
     * How long a replica owns a subscription's delivery once it took it; renewed with every delivery. A replica that
     * dies hands over after this long. Must be longer than the request timeout.
     */
    @WithDefault("30s")
    Duration lease();

    /** Deliveries in flight at once to one destination (host and port), per replica. */
    @WithDefault("4")
    int maxConcurrencyPerDestination();

    /** Subscriptions a replica delivers for at once. */
    @WithDefault("4")
    int deliveryThreads();

    /** Events delivered for one subscription per pass before the lease is given back. */
    @WithDefault("1000")
    int eventsPerPass();

    /**
     * Events of one subscription read in one transaction, sent one after the other and recorded in one (a retried or
     * replayed item goes alone). A replica that dies mid-batch sends at most this many events again.
     */
    @WithDefault("50")
    int batch();

    /** How long the previous secret still signs after a rotation (unless the rotation asks for another overlap). */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /** The most events one replay request may queue. */
    @WithDefault("10000")
    int maxReplay();

    /** Public address of the console, for links in Slack messages (e.g. https://leads.example.com); none: no links. */
    Optional<String> publicBaseUrl();
}
