package io.leadhandoff.lead;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a lead's timeline. */
@Schema(name = "HistoryEntry")
public record HistoryEntry(
        @Schema(description = "Opaque event id", examples = "01JDB7T3V9A1B2C3D4E5F6G7H8") String id,
        @Schema(description = "What happened", examples = "lead.merged") String type,
        @Schema(description = "When it happened (UTC)") Instant at,
        @Schema(description = "Who or what caused it: a source, a rep id, an API key", examples = "hubspot") String actor,
        @Schema(description = "Details of the event; shape depends on the type")
        Map<String, Object> detail) {
}
