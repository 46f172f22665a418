package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A subscription as the API shows it, with how its delivery is going. */
@ApplicationScoped
class WebhookHealthReader {

    private final EntityManager em;
    private final FeedReader feed;
    private final Clock clock;

    WebhookHealthReader(EntityManager em, FeedReader feed, Clock clock) {
        this.em = em;
        this.feed = feed;
        this.clock = clock;
    }

    WebhookViews.WebhookView view(WebhookSubscription s) {
        Instant now = clock.instant();
        Instant previousUntil = s.previousSecret != null && s.previousSecretUntil != null && now.isBefore(s.previousSecretUntil)
                ? s.previousSecretUntil : null;
        return new WebhookViews.WebhookView(s.id, s.url, s.description, s.format, s.eventTypeList(), s.queueList(), s.sourceList(),
                s.minScore, s.personalData, s.status, s.disabledReason, s.disabledAt, previousUntil, s.createdAt, s.updatedAt,
                health(s, now));
    }

    private WebhookViews.WebhookHealth health(WebhookSubscription s, Instant now) {
        String state = !s.enabled() ? "disabled" : s.headEventId != null ? "retrying" : "healthy";
        long dead = count("select count(*) from webhook_dead_letter where subscription_id = :id and replayed_at is null", s.id);
        long replays = count("select count(*) from webhook_replay where subscription_id = :id", s.id);
        return new WebhookViews.WebhookHealth(state, s.lastSuccessAt, s.lastFailureAt, s.lastFailure, s.failingSince, s.headEventId,
                s.headAttempts, s.headNextAt, dead, replays, backlogAge(s, now).toSeconds());
    }

    /** Age of the oldest event waiting: the one being retried, or the first wanted type after the cursor. */
    Duration backlogAge(WebhookSubscription s, Instant now) {
        Instant oldest = null;
        if (s.headEventId != null) {
            FeedEvent head = feed.byId(s.headEventId, s.headSeq == null ? 0 : s.headSeq);
            oldest = head == null ? null : head.occurredAt();
        } else if (s.id != null) {
            oldest = feed.firstAfter(s.position, EventTypes.feedTypes(s.eventTypeList()));
        }
        if (oldest == null || oldest.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldest, now);
    }

    private long count(String sql, String id) {
        return ((Number) em.createNativeQuery(sql).setParameter("id", id).getSingleResult()).longValue();
    }
}
