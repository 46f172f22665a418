package io.leadhandoff.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.write.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A source's write-back: a built-in subscription of kind {@code writeback} on the change feed, delivered by the same
 * machinery as webhooks (cursor, lease, retries, dead letters, replay), through the channel of the source's tool.
 */
@ApplicationScoped
public class WritebackService {

    private static final int RECENT_FAILURES = 10;
    private static final int BACKLOG_COUNT = 10_000;

    private final EntityManager em;
    private final Clock clock;
    private final Destinations destinations;
    private final FeedReader feed;
    private final WebhookHealthReader health;
    private final ReplayService replays;
    private final DeliveryLog log;
    private final ObjectMapper mapper;
    private final Reads reads;

    WritebackService(EntityManager em, Clock clock, Destinations destinations, FeedReader feed, WebhookHealthReader health,
                     ReplayService replays, DeliveryLog log, ObjectMapper mapper, Reads reads) {
        this.em = em;
        this.clock = clock;
        this.destinations = destinations;
        this.feed = feed;
        this.health = health;
        this.replays = replays;
        this.log = log;
        this.mapper = mapper;
        this.reads = reads;
    }

    /**
     * Sets up or changes the source's write-back. A new one starts at the feed's current end (verdicts from now on);
     * credentials left out keep the stored ones; {@code enabled: true} on a disabled one resumes where it stopped.
     */
    @Transactional(TxType.MANDATORY)
    public WritebackViews.WritebackView configure(String sourceId, WritebackViews.WritebackRequest request) {
        SourceRow source = source(sourceId);
        String tool = source.kind();
        if (!WritebackSettings.KINDS.contains(tool)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("",
                    "write-back is for sources of kind hubspot, marketo or mautic; this source is " + tool)));
        }
        WebhookSubscription s = find(sourceId);
        WritebackSettings old = s == null ? null : WritebackChanges.parse(mapper, s.settings);
        WritebackSettings settings = new WritebackSettings(
                keep(request.token(), old == null ? null : old.token()),
                keep(request.clientId(), old == null ? null : old.clientId()),
                keep(request.clientSecret(), old == null ? null : old.clientSecret()),
                keep(request.username(), old == null ? null : old.username()),
                keep(request.password(), old == null ? null : old.password()),
                request.statusProperty(), request.statusMapping(), request.fields(), request.idProperty());
        check(tool, request, settings);
        Instant now = clock.instant();
        if (s == null) {
            s = new WebhookSubscription();
            s.id = Ids.next();
            s.kind = WebhookSubscription.WRITEBACK;
            s.sourceId = source.id();
            s.format = tool;
            s.eventTypes = WebhookSubscription.join(WritebackChanges.EVENT_TYPES);
            s.personalData = false;
            s.secret = Signer.newSecret(); // unused: the tool's own credentials authenticate
            s.status = WebhookSubscription.ENABLED;
            s.createdAt = now;
            s.position = feed.head();
        }
        s.url = request.baseUrl();
        s.settings = write(settings);
        s.updatedAt = now;
        if (Boolean.FALSE.equals(request.enabled()) && s.enabled()) {
            s.status = WebhookSubscription.DISABLED;
            s.disabledReason = "disabled by an admin";
            s.disabledAt = now;
        } else if (!Boolean.FALSE.equals(request.enabled()) && !s.enabled()) {
            s.status = WebhookSubscription.ENABLED;
            s.disabledReason = null;
            s.disabledAt = null;
            s.failingSince = null;
            if (s.headEventId != null) {
                s.headAttempts = 0;
                s.headNextAt = now;
            }
        }
        if (!em.contains(s)) {
            em.persist(s);
        }
        return view(s, settings);
    }

    public WritebackViews.WritebackView get(String sourceId) {
        return reads.call(() -> {
            WebhookSubscription s = require(sourceId);
            return view(s, WritebackChanges.parse(mapper, s.settings));
        });
    }

    /** Stops the write-back; its dead letters and attempts go with it. */
    @Transactional(TxType.MANDATORY)
    public void delete(String sourceId) {
        WebhookSubscription s = require(sourceId);
        for (String table : List.of("webhook_attempt", "webhook_dead_letter", "webhook_replay")) {
            em.createNativeQuery("delete from " + table + " where subscription_id = :id").setParameter("id", s.id).executeUpdate();
        }
        em.remove(s);
    }

    @Transactional(TxType.MANDATORY)
    public WebhookViews.ReplayAnswer replay(String sourceId, WebhookViews.ReplayRequest request) {
        return replays.replay(require(sourceId), request);
    }

    public Page<WebhookViews.DeadLetterView> deadLetters(String sourceId, String cursor, int limit) {
        return reads.call(() -> log.deadLetters(require(sourceId).id, cursor, limit));
    }

    private WritebackViews.WritebackView view(WebhookSubscription s, WritebackSettings settings) {
        WebhookViews.WebhookView v = health.view(s);
        List<String> credentials = new ArrayList<>();
        addIf(credentials, "token", settings.token());
        addIf(credentials, "clientId", settings.clientId());
        addIf(credentials, "clientSecret", settings.clientSecret());
        addIf(credentials, "username", settings.username());
        addIf(credentials, "password", settings.password());
        return new WritebackViews.WritebackView(s.sourceId, s.format, s.status, s.disabledReason, s.url, credentials,
                settings.statusPropertyOr(s.format), settings.mapping(s.format), settings.fieldsOrEmpty(), settings.idProperty(),
                s.eventTypeList(), v.health(), backlog(s), s.id == null ? List.of() : log.recentFailures(s.id, RECENT_FAILURES),
                s.createdAt, s.updatedAt);
    }

    private long backlog(WebhookSubscription s) {
        return feed.countAfter(s.position, EventTypes.feedTypes(s.eventTypeList()), BACKLOG_COUNT);
    }

    private void check(String tool, WritebackViews.WritebackRequest request, WritebackSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        if (request.baseUrl() == null || request.baseUrl().isBlank()) {
            errors.add(FieldError.atPointer("/baseUrl", "is required"));
        } else {
            try {
                destinations.check(request.baseUrl());
            } catch (Destinations.Refused e) {
                errors.add(FieldError.atPointer("/baseUrl", e.getMessage()));
            }
        }
        switch (tool) {
            case WritebackSettings.HUBSPOT -> require(errors, "/token", settings.token());
            case WritebackSettings.MARKETO -> {
                require(errors, "/clientId", settings.clientId());
                require(errors, "/clientSecret", settings.clientSecret());
            }
            default -> {
                require(errors, "/username", settings.username());
                require(errors, "/password", settings.password());
            }
        }
        if (settings.idProperty() != null && !WritebackSettings.HUBSPOT.equals(tool)) {
            errors.add(FieldError.atPointer("/idProperty", "is for HubSpot only"));
        }
        if (request.statusMapping() != null) {
            for (String key : request.statusMapping().keySet()) {
                String step = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
                if (!WritebackSettings.STEPS.contains(step)) {
                    errors.add(FieldError.atPointer("/statusMapping/" + pointer(key), "is not a step; one of " + WritebackSettings.STEPS
                            + ", optionally followed by :REASON"));
                }
            }
        }
        if (request.fields() != null) {
            for (Map.Entry<String, String> e : request.fields().entrySet()) {
                if (!WritebackSettings.FIELD_KEYS.contains(e.getKey())) {
                    errors.add(FieldError.atPointer("/fields/" + pointer(e.getKey()), "is not a value we write; one of " + WritebackSettings.FIELD_KEYS));
                } else if (e.getValue() == null || e.getValue().isBlank()) {
                    errors.add(FieldError.atPointer("/fields/" + pointer(e.getKey()), "needs the tool's property name"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static void require(List<FieldError> errors, String pointer, String value) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.atPointer(pointer, "is required for this tool (once: later changes keep it when left out)"));
        }
    }

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void addIf(List<String> names, String name, String value) {
        if (value != null) {
            names.add(name);
        }
    }

    private static String keep(String given, String stored) {
        return given != null ? given : stored;
    }

    private SourceRow source(String sourceId) {
        SourceRow source = SourceRow.find(em, mapper, sourceId);
        if (source == null) {
            throw ProblemException.notFound("Source", sourceId);
        }
        return source;
    }

    private WebhookSubscription find(String sourceId) {
        List<WebhookSubscription> found = em.createQuery("from WebhookSubscription s where s.kind = 'writeback' and s.sourceId = :source",
                WebhookSubscription.class).setParameter("source", sourceId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private WebhookSubscription require(String sourceId) {
        source(sourceId);
        WebhookSubscription s = find(sourceId);
        if (s == null) {
            throw ProblemException.notFound("Write-back of source", sourceId);
        }
        return s;
    }

    private String write(WritebackSettings settings) {
        try {
            return mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Write-back settings are plain JSON", e);
        }
    }
}
