package io.leadhandoff.condition;

import java.util.LinkedHashMap;
import java.util.Map;

/** The field references conditions may use, with their types. */
public final class Fields {

    public static final String ATTRIBUTES_PREFIX = "attributes.";

    /** Fields of the lead itself: usable everywhere. */
    static final Map<String, FieldType> LEAD = leadFields();
    /** Fields known only once a lead is scored: usable in routing rules, not in scoring models. */
    static final Map<String, FieldType> SCORE = Map.of(
            "score.fit", FieldType.NUMBER,
            "score.engagement", FieldType.NUMBER,
            "score.total", FieldType.NUMBER,
            "score.grade", FieldType.STRING,
            "score.acceptanceProbability", FieldType.NUMBER);

    private Fields() {
    }

    private static Map<String, FieldType> leadFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        for (String s : new String[] {"source", "externalId", "email", "domain", "firstName", "lastName", "company", "website",
                "title", "phone", "country", "region", "city", "industry", "campaign",
                "utm.source", "utm.medium", "utm.campaign", "utm.term", "utm.content"}) {
            f.put(s, FieldType.STRING);
        }
        for (String n : new String[] {"employeeCount", "annualRevenue", "touches", "activity.formSubmissions",
                "activity.pageViews", "activity.emailClicks", "activity.webinarsAttended",
                "activity.daysSinceLastActivity"}) {
            f.put(n, FieldType.NUMBER);
        }
        f.put("freeEmail", FieldType.BOOLEAN);
        for (String b : new String[] {"contact.phonePresent", "contact.phoneValid", "contact.roleMailbox", "contact.disposableEmail",
                "contact.placeholderName", "contact.companyMissing"}) {
            f.put(b, FieldType.BOOLEAN);
        }
        f.put("contact.issues", FieldType.NUMBER);
        f.put("consent.marketing", FieldType.BOOLEAN);
        return Map.copyOf(f);
    }

    /** The type of {@code field} in a context, or null when the context does not know it. */
    public static FieldType typeOf(String field, boolean scoreKnown) {
        if (field == null) {
            return null;
        }
        if (field.startsWith(ATTRIBUTES_PREFIX) && field.length() > ATTRIBUTES_PREFIX.length()
                && field.length() <= ATTRIBUTES_PREFIX.length() + 64) {
            return FieldType.ANY;
        }
        FieldType type = LEAD.get(field);
        if (type == null && scoreKnown) {
            type = SCORE.get(field);
        }
        return type;
    }
}
