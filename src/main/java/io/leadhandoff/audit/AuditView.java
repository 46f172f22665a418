package io.leadhandoff.audit;

import java.util.Map;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEntry")
public record AuditView(
        String id,
        Instant occurredAt,
        @Schema(description = "The key that made the change: its prefix and name", examples = "key lh_k7m2x9q4pa (revops admin)") String actor,
        @Schema(examples = "queue.updated") String action,
        @Schema(description = "What was changed, as kind:id", examples = "queue:enterprise-emea") String target,
        @Schema(description = "`before` and `after` views of what changed (secrets are never recorded)") Map<String, Object> detail) {
}
