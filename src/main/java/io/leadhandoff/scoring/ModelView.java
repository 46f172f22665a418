package io.leadhandoff.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored model version with its state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ScoringModelVersion")
public record ModelView(
        @Schema(examples = "2") int version,
        @Schema(examples = "B2B default") String name,
        @Schema(description = "True for the one version that scores new leads", examples = "false") boolean active,
        @Schema(enumeration = {"default", "api", "trained"}, examples = "api") String origin,
        @Schema(description = "When it was created (UTC)") Instant createdAt,
        @Schema(description = "When it was last activated (UTC), if ever") Instant activatedAt,
        @Schema(description = "The model itself; omitted in lists") ModelDocument model) {
}
