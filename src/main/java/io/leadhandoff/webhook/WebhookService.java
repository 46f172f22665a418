package io.leadhandoff.webhook;

import io.leadhandoff.write.Reads;

import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Subscriptions: create, change, rotate the secret, delete; read with their delivery health. */
@ApplicationScoped
public class WebhookService {

    private final EntityManager em;
    private final Clock clock;
    private final Destinations destinations;
    private final FeedReader feed;
    private final WebhookConfig config;
    private final WebhookHealthReader health;

    private final Reads reads;

    WebhookService(EntityManager em, Clock clock, Destinations destinations, FeedReader feed, WebhookConfig config,
                   WebhookHealthReader health, Reads reads) {
        this.reads = reads;
        this.em = em;
        this.clock = clock;
        this.destinations = destinations;
        this.feed = feed;
        this.config = config;
        this.health = health;
    }

    /** A new subscription, starting at the feed's current end: it gets the events that happen from now on. */
    @Transactional(TxType.MANDATORY)
    public WebhookViews.CreatedWebhook create(WebhookViews.WebhookRequest request) {
        checkUrl(request.url());
        List<String> types = checkTypes(request.eventTypes());
        Instant now = clock.instant();
        WebhookSubscription s = new WebhookSubscription();
        s.id = Ids.next();
        s.url = request.url();
        s.description = request.description();
        s.format = request.format() == null ? "standard" : request.format();
        s.eventTypes = WebhookSubscription.join(types);
        s.queues = WebhookSubscription.join(distinct(request.queues()));
        s.sources = WebhookSubscription.join(distinct(request.sources()));
        s.minScore = request.minScore();
        s.personalData = request.personalData() == null || request.personalData();
        s.secret = Signer.newSecret();
        s.status = WebhookSubscription.ENABLED;
        s.createdAt = now;
        s.updatedAt = now;
        s.position = feed.head();
        em.persist(s);
        return new WebhookViews.CreatedWebhook(health.view(s), s.secret);
    }

    @Transactional(TxType.MANDATORY)
    public WebhookViews.WebhookView update(String id, WebhookViews.WebhookPatch patch) {
        WebhookSubscription s = find(id);
        if (patch.url() != null) {
            checkUrl(patch.url());
            s.url = patch.url();
        }
        if (patch.eventTypes() != null) {
            s.eventTypes = WebhookSubscription.join(checkTypes(patch.eventTypes()));
        }
        if (patch.description() != null) {
            s.description = patch.description().isEmpty() ? null : patch.description();
        }
        if (patch.format() != null) {
            s.format = patch.format();
        }
        if (patch.queues() != null) {
            s.queues = WebhookSubscription.join(distinct(patch.queues()));
        }
        if (patch.sources() != null) {
            s.sources = WebhookSubscription.join(distinct(patch.sources()));
        }
        if (patch.minScore() != null) {
            s.minScore = patch.minScore();
        }
        if (patch.personalData() != null) {
            s.personalData = patch.personalData();
        }
        Instant now = clock.instant();
        if (WebhookSubscription.ENABLED.equals(patch.status()) && !s.enabled()) {
            // resumes where it stopped: the cursor and the event being retried are kept, the retry starts afresh now
            s.status = WebhookSubscription.ENABLED;
            s.disabledReason = null;
            s.disabledAt = null;
            s.failingSince = null;
            if (s.headEventId != null) {
                s.headAttempts = 0;
                s.headNextAt = now;
            }
        } else if (WebhookSubscription.DISABLED.equals(patch.status()) && s.enabled()) {
            s.status = WebhookSubscription.DISABLED;
            s.disabledReason = "disabled by an admin";
            s.disabledAt = now;
        }
        s.updatedAt = now;
        return health.view(s);
    }

    /** A new secret; the previous one keeps signing (a second signature) for the overlap. */
    @Transactional(TxType.MANDATORY)
    public WebhookViews.RotatedSecret rotate(String id, Integer overlapSeconds) {
        WebhookSubscription s = find(id);
        Instant now = clock.instant();
        Duration overlap = overlapSeconds == null ? config.rotationOverlap() : Duration.ofSeconds(overlapSeconds);
        s.previousSecret = overlap.isZero() ? null : s.secret;
        s.previousSecretUntil = overlap.isZero() ? null : now.plus(overlap);
        s.secret = Signer.newSecret();
        s.updatedAt = now;
        return new WebhookViews.RotatedSecret(s.secret, s.previousSecretUntil);
    }

    @Transactional(TxType.MANDATORY)
    public void delete(String id) {
        WebhookSubscription s = find(id);
        for (String table : List.of("webhook_attempt", "webhook_dead_letter", "webhook_replay")) {
            em.createNativeQuery("delete from " + table + " where subscription_id = :id").setParameter("id", id).executeUpdate();
        }
        em.remove(s);
    }

    public WebhookViews.WebhookView get(String id) {
        return reads.call(() -> {
            return health.view(find(id));
        });
    }

    public Page<WebhookViews.WebhookView> list(String cursor, int limit) {
        return reads.call(() -> {
            String after = Cursor.decode(cursor);
            List<WebhookSubscription> rows = em.createQuery("from WebhookSubscription s where s.kind = 'webhook' "
                            + "and (:after is null or s.id > :after) order by s.id",
                    WebhookSubscription.class).setParameter("after", after).setMaxResults(limit + 1).getResultList();
            return Page.of(rows, limit, WebhookSubscription::id, health::view);
        });
    }

    /** The subscription as a delivery needs it (for the test endpoint), detached. */
    WebhookSubscription snapshot(String id) {
        return reads.call(() -> {
            WebhookSubscription s = find(id);
            em.detach(s);
            return s;
        });
    }

    WebhookSubscription find(String id) {
        WebhookSubscription s = id == null || id.length() > 26 ? null : em.find(WebhookSubscription.class, id);
        if (s == null || !WebhookSubscription.WEBHOOK.equals(s.kind)) { // a write-back is reached through its source
            throw ProblemException.notFound("Webhook", id);
        }
        return s;
    }

    private void checkUrl(String url) {
        try {
            destinations.check(url);
        } catch (Destinations.Refused e) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/url", e.getMessage())));
        }
    }

    private static List<String> checkTypes(List<String> types) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (!EventTypes.known(types.get(i))) {
                errors.add(FieldError.atPointer("/eventTypes/" + i, "is not an event type; one of " + WebhookViews.TYPES));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return distinct(types);
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? null : List.copyOf(new LinkedHashSet<>(values));
    }
}
