package io.leadhandoff.source;

import static io.leadhandoff.source.PayloadMapper.JSON;
import static io.leadhandoff.source.PayloadMapper.bodyHash;
import static io.leadhandoff.source.PayloadMapper.failure;
import static io.leadhandoff.source.PayloadMapper.fields;
import static io.leadhandoff.source.PayloadMapper.leadPointer;
import static io.leadhandoff.source.PayloadMapper.overridden;
import static io.leadhandoff.source.PayloadMapper.set;
import static io.leadhandoff.source.PayloadMapper.upsert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhandoff.source.PayloadMapper.Action;
import io.leadhandoff.source.PayloadMapper.Inbound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HubSpot's payloads: a workflow webhook's contact, or a Webhooks API batch of subscription events. Pure. */
final class HubSpotPayloads {

    static final Map<String, String> HUBSPOT = fields("email", "email", "firstname", "firstName", "lastname", "lastName",
            "company", "company", "website", "website", "jobtitle", "title", "phone", "phone", "country", "country",
            "state", "region", "city", "city", "industry", "industry", "numemployees", "employeeCount",
            "annualrevenue", "annualRevenue", "campaign", "campaign", "utm_source", "utm.source", "utm_medium", "utm.medium",
            "utm_campaign", "utm.campaign", "utm_term", "utm.term", "utm_content", "utm.content",
            "hs_analytics_num_page_views", "activity.pageViews", "num_conversion_events", "activity.formSubmissions");

    /** A workflow webhook (full contact object or flat properties) or a Webhooks API batch (array). */
    public static List<Inbound> map(JsonNode body, byte[] raw, SourceSettings settings) {
        if (body.isArray()) {
            List<Inbound> out = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                out.add(hubspotSubscriptionEvent(body.get(i), "/" + i));
            }
            return out;
        }
        if (!body.isObject()) {
            return List.of(failure(bodyHash(raw), "", "must be a HubSpot contact object or an array of webhook events"));
        }
        Map<String, String> names = overridden(HUBSPOT, settings);
        ObjectNode lead = JSON.objectNode();
        Map<String, String> origin = new LinkedHashMap<>();
        JsonNode properties = body.get("properties");
        boolean full = properties != null && properties.isObject();
        names.forEach((property, field) -> {
            String pointer = full ? "/properties/" + property + (isValueObject(properties.get(property)) ? "/value" : "") : "/" + property;
            if (full && properties.get(property) == null) {
                pointer = "/properties/" + property + "/value";
            }
            origin.put(leadPointer(field), pointer);
            JsonNode value = full ? unwrap(properties.get(property)) : body.get(property);
            set(lead, field, value);
        });
        JsonNode id = firstPresent(body.get("vid"), body.get("objectId"), full ? unwrap(properties.get("hs_object_id")) : body.get("hs_object_id"));
        if (id != null && !id.isNull() && !id.asText().isEmpty()) {
            lead.put("externalId", id.asText());
        }
        return List.of(upsert(bodyHash(raw), lead, origin, settings));
    }

    private static Inbound hubspotSubscriptionEvent(JsonNode event, String at) {
        String eventId = event.hasNonNull("eventId") ? "hubspot:" + event.get("eventId").asText() : null;
        String type = event.path("subscriptionType").asText("");
        if (eventId == null) {
            return failure(null, at + "/eventId", "is required on a HubSpot webhook event");
        }
        if (type.equals("contact.privacyDeletion")) {
            if (!event.hasNonNull("objectId")) {
                return failure(eventId, at + "/objectId", "is required for contact.privacyDeletion");
            }
            return new Inbound(eventId, Action.ERASE, null, Map.of(), event.get("objectId").asText(), null, List.of());
        }
        return new Inbound(eventId, Action.IGNORE, null, Map.of(), null,
                type.isEmpty() ? "not a subscription event" : type + " carries no contact data; send contacts with the workflow webhook",
                List.of());
    }

    private static boolean isValueObject(JsonNode node) {
        return node != null && node.isObject() && node.has("value");
    }

    private static JsonNode unwrap(JsonNode node) {
        return isValueObject(node) ? node.get("value") : node;
    }

    private static JsonNode firstPresent(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && !n.isNull() && !n.isMissingNode()) {
                return n;
            }
        }
        return null;
    }

    private HubSpotPayloads() {
    }
}
