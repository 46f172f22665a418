package io.leadhandoff.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's write-back as stored (JSON in {@code webhook_subscription.settings}), credentials included: never answered
 * back nor logged.
 *
 * @param token          HubSpot: the private app's access token
 * @param clientId       Marketo: the API user's client id
 * @param clientSecret   Marketo: its client secret
 * @param username       Mautic: the API user (basic auth)
 * @param password       Mautic: its password
 * @param statusProperty the tool's lead-status property (default per tool)
 * @param statusMapping  overrides of the default status values, by {@code OUTCOME} or {@code OUTCOME:REASON}
 * @param fields         our value ({@link #FIELD_KEYS}) → the tool's property that receives it
 * @param idProperty     HubSpot: a unique property to find the contact by instead of its id ({@code email})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WritebackSettings(String token, String clientId, String clientSecret, String username, String password,
                         String statusProperty, Map<String, String> statusMapping, Map<String, String> fields, String idProperty) {

    static final String HUBSPOT = "hubspot";
    static final String MARKETO = "marketo";
    static final String MAUTIC = "mautic";
    static final List<String> KINDS = List.of(HUBSPOT, MARKETO, MAUTIC);

    /** What happened, as the status mapping names it. */
    static final List<String> STEPS = List.of("ASSIGNED", "CLAIMED", "ACCEPTED", "REJECTED", "RECYCLED", "CONVERTED", "WON", "LOST",
            "NEW_CYCLE");

    /** Our values a source may map to properties of its tool. */
    static final List<String> FIELD_KEYS = List.of("repId", "reason", "score", "grade", "leadId", "consoleUrl");

    /**
     * The default status values. HubSpot: the internal values of {@code hs_lead_status}'s default options (NEW, OPEN,
     * IN_PROGRESS, OPEN_DEAL, UNQUALIFIED, ATTEMPTED_TO_CONTACT, CONNECTED, BAD_TIMING; HubSpot's "Update a contact"
     * reference and its knowledge base on lead status). Marketo's {@code leadStatus} and Mautic's field are free text:
     * the usual sales-stage words.
     */
    static Map<String, String> defaults(String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        if (HUBSPOT.equals(kind)) {
            m.put("ASSIGNED", "OPEN");
            m.put("CLAIMED", "IN_PROGRESS");
            m.put("ACCEPTED", "CONNECTED");
            m.put("REJECTED", "UNQUALIFIED");
            m.put("REJECTED:BAD_TIMING", "BAD_TIMING");
            m.put("REJECTED:UNRESPONSIVE", "ATTEMPTED_TO_CONTACT");
            m.put("RECYCLED", "BAD_TIMING");
            m.put("CONVERTED", "OPEN_DEAL");
            m.put("WON", "OPEN_DEAL");
            m.put("LOST", "UNQUALIFIED");
            m.put("NEW_CYCLE", "NEW");
        } else {
            m.put("ASSIGNED", "Open");
            m.put("CLAIMED", "Working");
            m.put("ACCEPTED", "Sales Accepted");
            m.put("REJECTED", "Sales Rejected");
            m.put("RECYCLED", "Recycled");
            m.put("CONVERTED", "Converted");
            m.put("WON", "Won");
            m.put("LOST", "Lost");
            m.put("NEW_CYCLE", "Open");
        }
        return m;
    }

    static String defaultStatusProperty(String kind) {
        return switch (kind) {
            case HUBSPOT -> "hs_lead_status";
            case MARKETO -> "leadStatus";
            default -> "lead_status";
        };
    }

    String statusPropertyOr(String kind) {
        return statusProperty == null ? defaultStatusProperty(kind) : statusProperty;
    }

    /** The defaults with this source's overrides on top (an empty value: write no status for that step). */
    Map<String, String> mapping(String kind) {
        Map<String, String> m = defaults(kind);
        if (statusMapping != null) {
            m.putAll(statusMapping);
        }
        return m;
    }

    Map<String, String> fieldsOrEmpty() {
        return fields == null ? Map.of() : fields;
    }
}
