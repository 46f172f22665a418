package io.leadhandoff.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A subscription: where to deliver, what, and how far along the change feed it is. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    static final String ENABLED = "enabled";
    static final String DISABLED = "disabled";
    static final String WEBHOOK = "webhook";
    static final String WRITEBACK = "writeback";

    @Id
    @Column(length = 26)
    String id;

    /** {@code webhook}, or {@code writeback}: a source's write-back to its marketing tool (format hubspot, marketo, mautic). */
    @Column(nullable = false, length = 16)
    String kind = WEBHOOK;

    /** The write-back's source. */
    @Column(name = "source_id", length = 64)
    String sourceId;

    /** The write-back's {@link WritebackSettings} as JSON, credentials included: never answered back nor logged. */
    @Lob
    String settings;

    /** A webhook's URL; a write-back's base URL of the tool's API. */
    @Column(nullable = false, length = 2048)
    String url;

    @Column(length = 500)
    String description;

    @Column(nullable = false, length = 16)
    String format;

    /** Comma-separated webhook event types. */
    @Column(name = "event_types", nullable = false, length = 1000)
    String eventTypes;

    @Column(length = 2000)
    String queues;

    @Column(length = 2000)
    String sources;

    @Column(name = "min_score")
    Integer minScore;

    @Column(name = "personal_data", nullable = false)
    boolean personalData;

    @Column(nullable = false, length = 100)
    String secret;

    @Column(name = "previous_secret", length = 100)
    String previousSecret;

    @Column(name = "previous_secret_until")
    Instant previousSecretUntil;

    @Column(nullable = false, length = 16)
    String status;

    @Column(name = "disabled_reason", length = 500)
    String disabledReason;

    @Column(name = "disabled_at")
    Instant disabledAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    /** The feed position handled through (delivered, dead-lettered or not wanted). */
    @Column(nullable = false)
    long position;

    @Column(name = "head_seq")
    Long headSeq;

    @Column(name = "head_event_id", length = 26)
    String headEventId;

    @Column(name = "head_replay_id")
    Long headReplayId;

    @Column(name = "head_attempts", nullable = false)
    int headAttempts;

    @Column(name = "head_next_at")
    Instant headNextAt;

    @Column(name = "failing_since")
    Instant failingSince;

    @Column(name = "last_success_at")
    Instant lastSuccessAt;

    @Column(name = "last_failure_at")
    Instant lastFailureAt;

    @Column(name = "last_failure", length = 500)
    String lastFailure;

    @Column(name = "lease_owner", length = 64)
    String leaseOwner;

    @Column(name = "lease_until")
    Instant leaseUntil;

    List<String> eventTypeList() {
        return split(eventTypes);
    }

    List<String> queueList() {
        return split(queues);
    }

    List<String> sourceList() {
        return split(sources);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    boolean enabled() {
        return ENABLED.equals(status);
    }

    /** The secrets that sign a delivery at {@code now}: the current one, and the previous one during a rotation's overlap. */
    List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    /** Forgets the item being retried: the next delivery starts from the cursor (or the replay queue). */
    void clearHead() {
        headSeq = null;
        headEventId = null;
        headReplayId = null;
        headAttempts = 0;
        headNextAt = null;
    }

    public String id() {
        return id;
    }
}
