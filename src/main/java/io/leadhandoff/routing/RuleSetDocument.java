package io.leadhandoff.routing;

import io.leadhandoff.condition.Condition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The ordered routing rules: first match wins, the default queue catches the rest. */
@Schema(name = "RoutingRules")
public record RuleSetDocument(
        @Schema(description = "Leads whose total score is below this are disqualified: kept for nurture and reports, not routed", examples = "20")
        @Min(0) @Max(100) Integer minScore,
        @Schema(description = "Queue for leads no rule matches", examples = "inbound")
        @NotBlank @Size(max = 64) String defaultQueueId,
        @Schema(description = "Tried in order; the first rule whose condition matches picks the queue")
        @NotNull @Size(max = 200) List<@Valid Rule> rules) {

    /** One routing rule. */
    @Schema(name = "RoutingRule")
    public record Rule(
            @Schema(examples = "Enterprise EMEA") @NotBlank @Size(max = 100) String name,
            @Schema(description = "May use score.total, score.grade, score.fit, score.engagement and score.acceptanceProbability "
                    + "(0–1; missing under a rules-only model) besides lead fields and contact.*") @NotNull Condition when,
            @Schema(examples = "enterprise-emea") @NotBlank @Size(max = 64) String queueId) {
    }
}
