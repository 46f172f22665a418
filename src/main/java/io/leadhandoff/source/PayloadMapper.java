package io.leadhandoff.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.security.Secrets;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns each tool's own payload into leads in the service's JSON shape, remembering for every lead
 * field where in the payload it came from, so a validation error can name the tool's field. Pure. Pardot
 * forms and JSON bodies (Marketo, Standard Webhooks, mapped JSON) are read here; HubSpot and Mautic, whose
 * payloads have structures of their own, in {@link HubSpotPayloads} and {@link MauticPayloads}, which
 * share the event and field helpers below.
 */
public final class PayloadMapper {

    /** What to do with one event of a payload. */
    public enum Action { UPSERT, ERASE, IGNORE }

    /**
     * One event: a lead to ingest (with {@code origin}: lead pointer → payload pointer), a contact to
     * erase, or something acknowledged and ignored ({@code note} says why); or errors if unmappable.
     */
    public record Inbound(String eventId, Action action, ObjectNode lead, Map<String, String> origin, String externalId,
                          String note, List<FieldError> errors) {
        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    static final Map<String, String> PARDOT = fields("email", "email", "first_name", "firstName", "last_name", "lastName",
            "company", "company", "website", "website", "job_title", "title", "phone", "phone", "country", "country",
            "state", "region", "city", "city", "industry", "industry", "employees", "employeeCount",
            "annual_revenue", "annualRevenue", "campaign", "campaign", "utm_source", "utm.source", "utm_medium", "utm.medium",
            "utm_campaign", "utm.campaign", "utm_term", "utm.term", "utm_content", "utm.content");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([0-9][0-9,]*)");
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PayloadMapper() {
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public static String bodyHash(byte[] body) {
        return "sha256:" + HexFormat.of().formatHex(Secrets.sha256(body));
    }

    /** Form-handler data forwarding: {@code application/x-www-form-urlencoded} with the form's field names. */
    public static List<Inbound> pardot(Map<String, String> form, byte[] raw, SourceSettings settings) {
        ObjectNode lead = JSON.objectNode();
        Map<String, String> origin = new LinkedHashMap<>();
        overridden(PARDOT, settings).forEach((name, field) -> {
            origin.put(leadPointer(field), name);
            String value = form.get(name);
            set(lead, field, value == null ? null : JSON.textNode(value));
        });
        return List.of(upsert(eventIdFrom(form.get("event_id"), raw), lead, origin, settings));
    }

    public static Map<String, String> parseForm(byte[] raw) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(raw, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not valid application/x-www-form-urlencoded");
            }
        }
        return form;
    }

    /**
     * A JSON body: with no mapping it is the service's own lead shape (a Marketo template produces it), or for
     * Standard Webhooks the {@code data} of the spec's {@code {"type", "timestamp", "data"}} envelope; values are read
     * as tools render them (blank tokens are absent, numbers may be text). With a mapping each lead field is read
     * from the JSON pointer given for it.
     */
    public static List<Inbound> json(JsonNode body, byte[] raw, SourceSettings settings, String eventId) {
        if (!body.isObject()) {
            return List.of(failure(eventId == null ? bodyHash(raw) : eventId, "", "must be a JSON object"));
        }
        String id = eventId != null ? eventId
                : eventIdFrom(settings.eventIdPointer() == null ? null : textAt(body, settings.eventIdPointer()), raw);
        if (settings.mappingOrEmpty().isEmpty()) {
            boolean envelope = eventId != null && body.path("data").isObject() && body.has("type");
            ObjectNode lead = JSON.objectNode();
            Map<String, String> origin = new LinkedHashMap<>();
            leadShaped(envelope ? body.get("data") : body, envelope ? "/data" : "", "", lead, origin, settings.eventIdPointer());
            return List.of(upsert(id, lead, origin, settings));
        }
        ObjectNode lead = JSON.objectNode();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.mapping().entrySet()) {
            origin.put(leadPointer(e.getKey()), e.getValue());
            JsonNode value = body.at(e.getValue());
            set(lead, e.getKey(), value.isMissingNode() ? null : value);
        }
        return List.of(upsert(id, lead, origin, settings));
    }

    /** Copies a body in the lead's own shape field by field, as {@link #set} reads a tool's values. */
    private static void leadShaped(JsonNode node, String at, String prefix, ObjectNode lead, Map<String, String> origin, String skip) {
        node.fields().forEachRemaining(e -> {
            String pointer = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            String field = prefix + e.getKey();
            if (pointer.equals(skip)) {
                return;
            }
            if (e.getValue().isObject() && !field.equals("attributes")) {
                leadShaped(e.getValue(), pointer, field + ".", lead, origin, skip);
            } else {
                origin.put(leadPointer(field), pointer);
                set(lead, field, e.getValue());
            }
        });
    }

    private static String textAt(JsonNode body, String pointer) {
        JsonNode node = body.at(pointer);
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }

    static Inbound upsert(String eventId, ObjectNode lead, Map<String, String> origin, SourceSettings settings) {
        return new Inbound(eventId, Action.UPSERT, lead, origin, null, null, List.of());
    }

    static Inbound failure(String eventId, String pointer, String message) {
        return new Inbound(eventId, Action.UPSERT, null, Map.of(), null, null, List.of(FieldError.atPointer(pointer, message)));
    }

    private static String eventIdFrom(String given, byte[] raw) {
        return given != null && !given.isBlank() && given.length() <= 180 ? "id:" + given : bodyHash(raw);
    }

    /** The tool's default field names, with the source's overrides (lead field → tool property) applied. */
    static Map<String, String> overridden(Map<String, String> defaults, SourceSettings settings) {
        Map<String, String> names = new LinkedHashMap<>();
        defaults.forEach((property, field) -> {
            if (!settings.mappingOrEmpty().containsKey(field)) {
                names.put(property, field);
            }
        });
        settings.mappingOrEmpty().forEach((field, property) -> names.put(property, field));
        return names;
    }

    static String leadPointer(String field) {
        return "/" + field.replace('.', '/');
    }

    /** Sets a (possibly nested, dotted) lead field from a tool value, converting what tools send as text. */
    static void set(ObjectNode lead, String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || value.isTextual() && value.asText().isBlank()) {
            return;
        }
        ObjectNode target = lead;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = target.get(parts[i]);
            target = child instanceof ObjectNode o ? o : target.putObject(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        target.set(leaf, convert(field, value));
    }

    private static JsonNode convert(String field, JsonNode value) {
        boolean integer = field.equals("employeeCount") || field.startsWith("activity.") && !field.endsWith("At");
        if (value.isTextual() && integer) {
            Matcher m = LEADING_NUMBER.matcher(value.asText());
            if (m.find()) {
                try {
                    return JSON.numberNode(Integer.parseInt(m.group(1).replace(",", "")));
                } catch (NumberFormatException e) {
                    return value;
                }
            }
        }
        if (value.isTextual() && field.equals("annualRevenue")) {
            try {
                return JSON.numberNode(new BigDecimal(value.asText().replace(",", "").trim()));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (value.isTextual() && field.equals("consent.marketing")) {
            return JSON.booleanNode(List.of("true", "yes", "1", "on").contains(value.asText().trim().toLowerCase()));
        }
        if (value.isNumber() && !integer && !field.equals("annualRevenue") && !field.startsWith("attributes.")) {
            return JSON.textNode(value.asText());
        }
        return value;
    }
}
