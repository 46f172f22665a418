package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HubSpot: {@code PATCH /crm/v3/objects/contacts/{contactId}} with {@code {"properties": {...}}} and the private app's
 * token as {@code Authorization: Bearer}; by a unique property instead of the id with {@code ?idProperty=email}
 * (developers.hubspot.com, CRM API reference "Update a contact"). 200 with the contact; 404 when there is no such
 * contact (a recorded outcome, not retried); 429 when a rate limit is hit (body {@code policyName} SECONDLY/TEN_SECONDLY
 * or DAILY; developers.hubspot.com "API usage guidelines and limits").
 */
@Singleton
class HubSpotChannel extends ToolChannel {

    /** HubSpot's burst window: the wait after a 429 without a Retry-After. */
    static final Duration BURST_WINDOW = Duration.ofSeconds(10);

    HubSpotChannel(WritebackChanges changes, Sender sender, ObjectMapper mapper, Clock clock) {
        super(changes, sender, mapper, clock);
    }

    @Override
    Message request(String id, String type, WritebackChanges.Update update, WritebackSettings settings) {
        String path;
        if (settings.idProperty() == null) {
            path = "/crm/v3/objects/contacts/" + segment(update.externalId());
        } else if ("email".equals(settings.idProperty())) {
            if (update.email() == null) {
                return null;
            }
            path = "/crm/v3/objects/contacts/" + segment(update.email()) + "?idProperty=email";
        } else {
            path = "/crm/v3/objects/contacts/" + segment(update.externalId()) + "?idProperty=" + segment(settings.idProperty());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        update.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        return new Message(id, type, json(Map.of("properties", properties)), path);
    }

    @Override
    public Outcome send(Target target, Message message) {
        WritebackSettings settings = settings(target);
        Sender.Reply reply = sender.call(base(target) + message.path(), uri -> HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("webhook-id", message.id())
                .header("authorization", "Bearer " + (settings.token() == null ? "" : settings.token()))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8)));
        Outcome o = reply.outcome();
        if (o.status() != null && o.status() == 429 && o.retryAfter() == null) {
            boolean daily = reply.body() != null && reply.body().contains("\"DAILY\"");
            return as(o, 429, null, daily ? untilMidnight(ZoneOffset.UTC) : BURST_WINDOW);
        }
        return o;
    }
}
