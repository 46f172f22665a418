package io.leadhandoff.scoring;

import io.leadhandoff.condition.Condition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A scoring model as written by revenue operations: rules for two dimensions, fit (who the lead is)
 * and engagement (what the lead did), how they combine, and the grade thresholds. Immutable once saved.
 */
@Schema(name = "ScoringModel", description = "A versioned, immutable scoring model")
public record ModelDocument(
        @Schema(examples = "B2B default") @NotBlank @Size(max = 100) String name,
        @Schema(examples = "Seniority, company size and target markets; engagement decays over 30 days") @Size(max = 1000) String description,
        @Schema(description = "Who the lead is: title, seniority, company size, industry, country, …")
        @NotNull @Valid Dimension fit,
        @Schema(description = "What the lead did: forms, page views, email clicks, webinars; decays with the age of the activity")
        @NotNull @Valid Dimension engagement,
        @Schema(description = "total = round(fit × weights.fit + engagement × weights.engagement); the weights add up to 1")
        @Valid Weights weights,
        @Schema(description = "Minimum fit score for grades A, B and C; below C is D")
        @Valid Grades grades,
        @Schema(description = "Set by training (POST /api/v1/scoring/models/train): gives every lead an acceptance probability")
        @Valid LearnedModel learned) {

    /** One dimension's rules and caps. The dimension's score is its capped points scaled to 0–100. */
    @Schema(name = "ScoringDimension")
    public record Dimension(
            @Schema(description = "Rules, all evaluated; every rule that matches adds its points")
            @NotNull @Size(max = 200) List<@Valid Rule> rules,
            @Schema(description = "Maximum points a rule group can add (as HubSpot's group limits)", examples = "{\"seniority\": 30}")
            Map<@Size(min = 1, max = 64) String, @Min(0) @Max(10_000) Integer> groupCaps,
            @Schema(description = "Points that make a score of 100 (points are clamped to 0..cap, then scaled); default 100", examples = "100")
            @Min(1) @Max(10_000) Integer cap,
            @Schema(description = "Engagement only: points halve every this many days since the last activity; absent means no decay", examples = "30")
            @DecimalMin("0.1") @DecimalMax("3650") Double halfLifeDays) {
    }

    /** A condition and the points it is worth. */
    @Schema(name = "ScoringRule")
    public record Rule(
            @Schema(description = "Unique within the model; shown in explanations", examples = "senior-title")
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be letters, digits, '.', '_' or '-'") String id,
            @Schema(examples = "Director and above") @Size(max = 200) String description,
            @Schema(description = "Rule group, for group caps", examples = "seniority") @Size(max = 64) String group,
            @Schema(description = "When the rule matches") @NotNull Condition when,
            @Schema(description = "Points added when it matches; negative to penalise", examples = "20")
            @NotNull @Min(-1000) @Max(1000) Integer points) {
    }

    /** How fit and engagement combine into the total. */
    @Schema(name = "ScoringWeights")
    public record Weights(
            @Schema(examples = "0.5") @NotNull @DecimalMin("0") @DecimalMax("1") Double fit,
            @Schema(examples = "0.5") @NotNull @DecimalMin("0") @DecimalMax("1") Double engagement) {
    }

    /** Fit thresholds of the letter grades, as Pardot grades prospects on fit. */
    @Schema(name = "ScoringGrades")
    public record Grades(
            @Schema(examples = "75") @NotNull @Min(0) @Max(100) Integer a,
            @Schema(examples = "50") @NotNull @Min(0) @Max(100) Integer b,
            @Schema(examples = "25") @NotNull @Min(0) @Max(100) Integer c) {
    }
}
