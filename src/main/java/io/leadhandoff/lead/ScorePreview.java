package io.leadhandoff.lead;

import io.leadhandoff.scoring.Score;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A score computed for a lead body without storing anything, with the facts the model saw. */
@Schema(name = "ScorePreview")
public record ScorePreview(
        Score score,
        @Schema(description = "The normalised values the rules were evaluated on, by field reference")
        Map<String, Object> facts) {
}
