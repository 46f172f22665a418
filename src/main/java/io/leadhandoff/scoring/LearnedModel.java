package io.leadhandoff.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The learned part of a model: L2-regularised logistic regression over binary lead features, giving
 * each lead an acceptance probability whose log-odds are the sum of its features' weights. A model with
 * a learned part orders the work by that probability: it sets the total and the grade.
 */
@Schema(name = "LearnedModel")
public record LearnedModel(
        @Schema(examples = "logistic-regression-l2") String method,
        @Schema(description = "Log-odds of acceptance for a lead with none of the features", examples = "-0.4") @NotNull Double intercept,
        @Schema(description = "Log-odds added by each feature a lead has", examples = "{\"seniority=exec\": 1.2, \"source=purchased-list\": -1.6}")
        @NotNull Map<String, Double> weights,
        @Schema(description = "Minimum total (round(100 × acceptance probability)) for grades A, B and C; below C is D. "
                + "Training sets them so that about 20 % of its leads are A, 30 % B, 30 % C and 20 % D; absent means the "
                + "model's `grades` applied to the total")
        @Valid ModelDocument.Grades grades) {

    public LearnedModel(String method, Double intercept, Map<String, Double> weights) {
        this(method, intercept, weights, null);
    }

    LearnedModel withGrades(ModelDocument.Grades thresholds) {
        return new LearnedModel(method, intercept, weights, thresholds);
    }
}
