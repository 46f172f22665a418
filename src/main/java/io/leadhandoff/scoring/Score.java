package io.leadhandoff.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.leadhandoff.contact.ContactQuality;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lead's score with the explanation that adds up to it. */
@JsonInclude(Include.NON_NULL)
@Schema(name = "Score")
public record Score(
        @Schema(description = "Version of the model that produced the score", examples = "1") int modelVersion,
        @Schema(description = "Fit, 0–100", examples = "60") int fit,
        @Schema(description = "Engagement, 0–100", examples = "35") int engagement,
        @Schema(description = "The lead's priority, 0–100: claims hand out the highest first, score bands and the routing minimum "
                + "use it. A rules-only model: round(fit × weight + engagement × weight). A model with a learned part: "
                + "round(100 × acceptanceProbability)", examples = "48") int total,
        @Schema(description = "A–D: from fit for a rules-only model; from the total (the learned probability) for a model with "
                + "a learned part", examples = "B") String grade,
        @Schema(description = "Probability that sales accepts the lead, from the model's learned part; absent for rules-only models",
                examples = "0.62") Double acceptanceProbability,
        @Schema(description = "Learned models only: the total the rules alone give (what a rules-only model would order by)",
                examples = "48") Integer rulesTotal,
        @Schema(description = "Learned models only: the grade the rules alone give (from fit)", examples = "B") String rulesGrade,
        @Schema(description = "How each number came about") Explanation explanation) {

    /** The ledger of each dimension, and how total and grade follow from them. */
    @JsonInclude(Include.NON_NULL)
    @Schema(name = "ScoreExplanation")
    public record Explanation(
            DimensionLedger fit,
            DimensionLedger engagement,
            @Schema(examples = "0.5 × fit 60 + 0.5 × engagement 35 = 47.5, rounded to 48") String total,
            @Schema(examples = "B: fit 60 is at least 50") String grade,
            @Schema(description = "What sets the priority (claim order, score bands, routing minimum): rules or learned",
                    examples = "rules: claims hand out the highest total first; score bands and the routing minimum use the total") String priority,
            @Schema(description = "Learned part: intercept and each feature's log-odds, largest effect first") Learned learned,
            @Schema(description = "The contact-quality facts the model saw (contact.* in conditions; phone, roleMailbox, "
                    + "disposableEmail, placeholderName and company features of the learned part)") ContactQuality contact) {
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
