package io.leadhandoff.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The webhook event types and how each change-feed event maps to one: one feed event is at most one webhook event,
 * so its {@code webhook-id} is stable. A few feed types split by what happened (a routing decision is
 * {@code lead.routed}, {@code lead.assigned} or {@code lead.disqualified}; a verdict is {@code lead.judged}, or
 * {@code lead.recycled} for a recycle).
 */
public final class EventTypes {

    /** Sent by {@code POST /webhooks/{id}/test} only. */
    public static final String TEST = "webhook.test";

    /** A scoring model version became the active one: an event of no lead, so the subscription's filters do not apply. */
    public static final String MODEL_ACTIVATED = "model.activated";

    /** Webhook type → the feed type it comes from. */
    static final Map<String, String> FEED_TYPE = new LinkedHashMap<>();

    static {
        FEED_TYPE.put("lead.created", "lead.created");
        FEED_TYPE.put("lead.merged", "lead.merged");
        FEED_TYPE.put("lead.updated", "lead.updated");
        FEED_TYPE.put("lead.scored", "lead.scored");
        FEED_TYPE.put("lead.routed", "lead.routed");
        FEED_TYPE.put("lead.assigned", "lead.routed");
        FEED_TYPE.put("lead.disqualified", "lead.routed");
        FEED_TYPE.put("lead.claimed", "lead.claimed");
        FEED_TYPE.put("lead.released", "lead.released");
        FEED_TYPE.put("lead.lease_extended", "lead.lease_extended");
        FEED_TYPE.put("lead.lease_expired", "lead.lease_expired");
        FEED_TYPE.put("lead.judged", "lead.feedback");
        FEED_TYPE.put("lead.recycled", "lead.feedback");
        FEED_TYPE.put("lead.sla_breached", "lead.sla_breached");
        FEED_TYPE.put("lead.escalated", "lead.escalated");
        FEED_TYPE.put("lead.new_cycle", "lead.cycle_started");
        FEED_TYPE.put("lead.erased", "lead.erased");
        FEED_TYPE.put(MODEL_ACTIVATED, MODEL_ACTIVATED);
    }

    /** Types that need no personal data: their payload carries the lead without names, email, phone or attributes. */
    static final Set<String> WITHOUT_PERSONAL_DATA = Set.of("lead.lease_extended", "lead.lease_expired", "lead.released",
            "lead.sla_breached", "lead.escalated", "lead.scored");

    private EventTypes() {
    }

    public static Set<String> all() {
        return FEED_TYPE.keySet();
    }

    static boolean known(String type) {
        return FEED_TYPE.containsKey(type);
    }

    /** The feed types to read for these webhook types. */
    static Set<String> feedTypes(List<String> webhookTypes) {
        Set<String> out = new TreeSet<>();
        for (String t : webhookTypes) {
            String feed = FEED_TYPE.get(t);
            if (feed != null) {
                out.add(feed);
            }
        }
        return out;
    }

    /** The webhook type of a feed event. */
    static String of(String feedType, Map<String, Object> detail) {
        Map<String, Object> d = detail == null ? Map.of() : detail;
        return switch (feedType) {
            case "lead.routed" -> "disqualified".equals(d.get("outcome")) ? "lead.disqualified"
                    : d.get("repId") != null ? "lead.assigned" : "lead.routed";
            case "lead.feedback" -> "RECYCLED".equals(d.get("outcome")) ? "lead.recycled" : "lead.judged";
            case "lead.cycle_started" -> "lead.new_cycle";
            default -> feedType;
        };
    }
}
