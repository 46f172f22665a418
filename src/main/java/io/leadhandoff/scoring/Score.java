package io.leadhandoff.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lead's score with the explanation that adds up to it. */
@JsonInclude(Include.NON_NULL)
@Schema(name = "Score")
public record Score(
        @Schema(description = "Version of the model that produced the score", examples = "1") int modelVersion,
        @Schema(description = "Fit, 0–100", examples = "60") int fit,
        @Schema(description = "Engagement, 0–100", examples = "35") int engagement,
        @Schema(description = "round(fit × weight + engagement × weight), 0–100", examples = "48") int total,
        @Schema(description = "A–D from fit", examples = "B") String grade,
        @Schema(description = "Probability that sales accepts the lead, from the model's learned part; absent for rules-only models",
                examples = "0.62") Double acceptanceProbability,
        @Schema(description = "How each number came about") Explanation explanation) {

    /** The ledger of each dimension, and how total and grade follow from them. */
    @JsonInclude(Include.NON_NULL)
@Schema(name = "ScoreExplanation")
    public record Explanation(
            DimensionLedger fit,
            DimensionLedger engagement,
            @Schema(examples = "0.5 × fit 60 + 0.5 × engagement 35 = 47.5, rounded to 48") String total,
            @Schema(examples = "B: fit 60 is at least 50") String grade,
            @Schema(description = "Learned part: intercept and each feature's log-odds, largest effect first") Learned learned) {
    }

    /** How the acceptance probability came about: log-odds = intercept + the weights of the lead's features. */
    @Schema(name = "LearnedExplanation")
    public record Learned(double intercept, List<Contribution> contributions, @Schema(examples = "0.49") double logOdds) {
    }

    /** One feature's effect on the log-odds. */
    @Schema(name = "LearnedContribution")
    public record Contribution(@Schema(examples = "seniority=exec") String feature, @Schema(examples = "1.21") double weight) {
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
