package io.leadhandoff.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lead's score with the explanation that adds up to it. */
@Schema(name = "Score")
public record Score(
        @Schema(description = "Version of the model that produced the score", examples = "1") int modelVersion,
        @Schema(description = "Fit, 0–100", examples = "60") int fit,
        @Schema(description = "Engagement, 0–100", examples = "35") int engagement,
        @Schema(description = "round(fit × weight + engagement × weight), 0–100", examples = "48") int total,
        @Schema(description = "A–D from fit", examples = "B") String grade,
        @Schema(description = "How each number came about") Explanation explanation) {

    /** The ledger of each dimension, and how total and grade follow from them. */
    @Schema(name = "ScoreExplanation")
    public record Explanation(
            DimensionLedger fit,
            DimensionLedger engagement,
            @Schema(examples = "0.5 × fit 60 + 0.5 × engagement 35 = 47.5, rounded to 48") String total,
            @Schema(examples = "B: fit 60 is at least 50") String grade) {
    }

    /** Every step that moved a dimension's points; the entries' points add up to {@code score}. */
    @Schema(name = "ScoreLedger")
    public record DimensionLedger(
            @Schema(examples = "60") int score,
            List<Entry> entries) {
    }

    /** One step: a rule that fired, a cap, decay, clamping or scaling. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScoreEntry")
    public record Entry(
            @Schema(enumeration = {"rule", "groupCap", "decay", "clamp", "scale"}, examples = "rule") String kind,
            @Schema(examples = "senior-title") String rule,
            @Schema(examples = "seniority") String group,
            @Schema(description = "Points this step added (negative: removed)", examples = "20") int points,
            @Schema(examples = "title matches \"\\\\b(vp|director)\\\\b\"") String reason) {
    }
}
