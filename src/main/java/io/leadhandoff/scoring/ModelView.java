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
        @Schema(description = "True for the challenger: it scores every new lead beside the active model without acting",
                examples = "false") boolean challenger,
        @Schema(description = "Trained versions: the holdout evaluation made when it was trained (AUC, log loss, Brier, "
                + "calibration by decile, training window, label counts); omitted in lists") TrainingResult.Evaluation evaluation,
        @Schema(description = "The model itself; omitted in lists") ModelDocument model) {
}
