package io.leadhandoff.event;

import java.util.Map;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedEvent")
public record FeedEvent(
        @Schema(description = "Position in the feed: strictly increasing in commit order", examples = "1042") long position,
        @Schema(description = "Event id (unique; use it to de-duplicate if you store events)") String id,
        @Schema(description = "lead.created, lead.merged, lead.updated, lead.scored, lead.routed, lead.claimed, lead.released, "
                + "lead.lease_extended, lead.lease_expired, lead.sla_breached, lead.escalated, lead.feedback, lead.erased; model.activated (no lead)",
                examples = "lead.claimed") String type,
        @Schema(description = "The lead it happened to; absent for an event of no lead (model.activated)") String leadId,
        @Schema(description = "The queue the lead was in when it happened") String queueId,
        Instant occurredAt,
        @Schema(description = "Who caused it: a rep id, a source, `system`") String actor,
        @Schema(description = "What happened, as in the lead's history") Map<String, Object> detail) {
}
