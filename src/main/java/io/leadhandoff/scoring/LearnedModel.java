package io.leadhandoff.scoring;

import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The learned part of a model: L2-regularised logistic regression over binary lead features, giving
 * each lead an acceptance probability whose log-odds are the sum of its features' weights.
 */
@Schema(name = "LearnedModel")
public record LearnedModel(
        @Schema(examples = "logistic-regression-l2") String method,
        @Schema(description = "Log-odds of acceptance for a lead with none of the features", examples = "-0.4") @NotNull Double intercept,
        @Schema(description = "Log-odds added by each feature a lead has", examples = "{\"seniority=exec\": 1.2, \"source=purchased-list\": -1.6}")
        @NotNull Map<String, Double> weights) {
}
