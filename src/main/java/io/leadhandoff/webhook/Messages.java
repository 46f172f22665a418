package io.leadhandoff.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhandoff.event.FeedEvent;
import io.leadhandoff.lead.LeadView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what a subscription is sent for a feed event: the Standard Webhooks body {@code {type, timestamp, data}} or a
 * Slack message, or nothing when the event is not one the subscription wants (type, queue, source, minimum score).
 */
@ApplicationScoped
class Messages {

    /** Lead view fields that hold personal data: left out of types that do not need them and for personal-data-free subscriptions. */
    static final List<String> PERSONAL = List.of("email", "firstName", "lastName", "phone", "title", "city", "region", "website",
            "attributes", "raw", "externalId", "utm");

    private final TransactionLeadViews views;
    private final ObjectMapper mapper;
    private final SlackText slack;

    Messages(TransactionLeadViews views, ObjectMapper mapper, SlackText slack) {
        this.views = views;
        this.mapper = mapper;
        this.slack = slack;
    }

    /** The message for {@code event}, or null when the subscription does not want it. Runs in a transaction (reads the lead). */
    Message build(WebhookSubscription s, FeedEvent event) {
        String type = EventTypes.of(event.type(), event.detail());
        if (!s.eventTypeList().contains(type)) {
            return null;
        }
        if (event.leadId() == null) {
            return system(s, type, event);
        }
        if (!s.queueList().isEmpty() && (event.queueId() == null || !s.queueList().contains(event.queueId()))) {
            return null;
        }
        LeadView current = views.get(event.leadId());
        if (!s.sourceList().isEmpty() && !s.sourceList().contains(current.source())) {
            return null;
        }
        if (s.minScore != null && (current.score() == null || current.score().total() < s.minScore)) {
            return null;
        }
        LeadView lead = "lead.erased".equals(type) ? null : current;
        String id = Message.id(s.id, event.id());
        if ("slack".equals(s.format)) {
            return new Message(id, type, write(Map.of("text", slack.text(type, event, lead))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leadId", event.leadId());
        if (lead != null) {
            data.put("eventId", event.id());
            data.put("occurredAt", event.occurredAt().toString());
            data.put("actor", event.actor());
            data.put("detail", event.detail());
            ObjectNode view = mapper.valueToTree(lead);
            if (!s.personalData || EventTypes.WITHOUT_PERSONAL_DATA.contains(type)) {
                view.remove(PERSONAL);
            }
            data.put("lead", view);
        }
        return new Message(id, type, body(type, event.occurredAt(), data));
    }

    /** An event of no lead (a model activated): its detail, whatever the subscription's lead filters say. */
    private Message system(WebhookSubscription s, String type, FeedEvent event) {
        String id = Message.id(s.id, event.id());
        if ("slack".equals(s.format)) {
            return new Message(id, type, write(Map.of("text", slack.text(type, event, null))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", event.id());
        data.put("occurredAt", event.occurredAt().toString());
        data.put("actor", event.actor());
        data.put("detail", event.detail());
        return new Message(id, type, body(type, event.occurredAt(), data));
    }

    /** The body of a test delivery. */
    Message test(WebhookSubscription s, String testId, Instant now) {
        String id = "msg_test_" + testId;
        if ("slack".equals(s.format)) {
            return new Message(id, EventTypes.TEST, write(Map.of("text", "lead-handoff test message for this webhook (" + s.id + ")")));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", s.id);
        data.put("message", "A test event: the subscription can reach this endpoint.");
        return new Message(id, EventTypes.TEST, body(EventTypes.TEST, now, data));
    }

    private String body(String type, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("data", data);
        return write(body);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is plain JSON", e);
        }
    }
}
