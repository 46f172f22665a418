package io.leadhandoff.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.event.FeedEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A write-back to a marketing tool's API: the tool-neutral update, put in the request the tool's API expects. Each
 * request also carries {@code webhook-id} (stable per event, as webhooks), which the tools ignore and a proxy or a test
 * receiver may de-duplicate by.
 */
abstract class ToolChannel implements Channel {

    protected final WritebackChanges changes;
    protected final Sender sender;
    protected final ObjectMapper mapper;
    protected final Clock clock;

    ToolChannel(WritebackChanges changes, Sender sender, ObjectMapper mapper, Clock clock) {
        this.changes = changes;
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Message build(WebhookSubscription s, FeedEvent event) {
        WritebackChanges.Update update = changes.of(s, event);
        if (update == null) {
            return null;
        }
        return request(Message.id(s.id, event.id()), EventTypes.of(event.type(), event.detail()), update, changes.settings(s));
    }

    /** The request for {@code update}: path under the base URL and body; null when it cannot be addressed. */
    abstract Message request(String id, String type, WritebackChanges.Update update, WritebackSettings settings);

    protected WritebackSettings settings(Target target) {
        return WritebackChanges.parse(mapper, target.settings());
    }

    protected String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A write-back body is plain JSON", e);
        }
    }

    protected static String base(Target target) {
        return target.url().replaceAll("/+$", "");
    }

    protected static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The same answer with another status (the tool's own code read from its body) and hint. */
    protected static Outcome as(Outcome o, int status, String error, Duration retryAfter) {
        return new Outcome(status, o.latencyMs(), error, o.excerpt(), retryAfter);
    }

    /** Until the next midnight in {@code zone}, when a daily quota starts again. */
    protected Duration untilMidnight(ZoneId zone) {
        Instant now = clock.instant();
        Instant next = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
        return Duration.between(now, next);
    }
}
