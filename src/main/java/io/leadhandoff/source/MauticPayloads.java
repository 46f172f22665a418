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

/** Mautic's webhook: contact saves grouped by event type, fields grouped by field group. Pure. */
final class MauticPayloads {

    static final Map<String, String> MAUTIC = fields("email", "email", "firstname", "firstName", "lastname", "lastName",
            "company", "company", "website", "website", "position", "title", "phone", "phone", "country", "country",
            "state", "region", "city", "city", "points", "attributes.mauticPoints");

    /** {@code {"mautic.lead_post_save_new": [{"contact"|"lead": {"id", "fields": {group: {alias: {"value"}}}}, "timestamp"}], ...}}. */
    public static List<Inbound> map(JsonNode body, byte[] raw, SourceSettings settings) {
        if (!body.isObject()) {
            return List.of(failure(bodyHash(raw), "", "must be a Mautic webhook object"));
        }
        List<Inbound> out = new ArrayList<>();
        Map<String, String> names = overridden(MAUTIC, settings);
        body.fieldNames().forEachRemaining(type -> {
            JsonNode events = body.get(type);
            String at = "/" + type.replace("~", "~0").replace("/", "~1");
            if (!events.isArray()) {
                return;
            }
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                String entityKey = event.has("contact") ? "contact" : "lead";
                JsonNode contact = event.path(entityKey);
                String eventId = type + ":" + contact.path("id").asText("?") + ":" + event.path("timestamp").asText("");
                if (!type.equals("mautic.lead_post_save_new") && !type.equals("mautic.lead_post_save_update")) {
                    out.add(new Inbound(eventId, Action.IGNORE, null, Map.of(), null, type + " is not a contact save", List.of()));
                    continue;
                }
                String base = at + "/" + i + "/" + entityKey;
                if (!contact.isObject()) {
                    out.add(failure(eventId, base, "must be a Mautic contact"));
                    continue;
                }
                ObjectNode lead = JSON.objectNode();
                Map<String, String> origin = new LinkedHashMap<>();
                JsonNode groups = contact.path("fields");
                names.forEach((alias, field) -> {
                    String group = groupOf(groups, alias);
                    origin.put(leadPointer(field), base + "/fields/" + group + "/" + alias + "/value");
                    set(lead, field, groups.path(group).path(alias).get("value"));
                });
                if (lead.path("phone").isMissingNode()) {
                    set(lead, "phone", groups.path(groupOf(groups, "mobile")).path("mobile").get("value"));
                }
                // Mautic sends a contact's points beside its fields, not among them
                String points = names.entrySet().stream().filter(e -> e.getValue().equals("attributes.mauticPoints"))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (points != null && lead.path("attributes").path("mauticPoints").isMissingNode() && contact.has(points)) {
                    origin.put(leadPointer("attributes.mauticPoints"), base + "/" + points);
                    set(lead, "attributes.mauticPoints", contact.get(points));
                }
                if (contact.hasNonNull("id")) {
                    lead.put("externalId", contact.get("id").asText());
                }
                out.add(upsert(eventId, lead, origin, settings));
            }
        });
        if (out.isEmpty()) {
            return List.of(failure(bodyHash(raw), "", "holds no Mautic webhook events"));
        }
        return out;
    }

    private static String groupOf(JsonNode groups, String alias) {
        for (String group : List.of("core", "professional", "personal", "social")) {
            if (groups.path(group).has(alias)) {
                return group;
            }
        }
        return "core";
    }

    private MauticPayloads() {
    }
}
