package io.leadhandoff.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a lead goes and why: every step tried, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RoutingDecision")
public record RoutingDecision(
        @Schema(enumeration = {"queued", "disqualified"}, examples = "queued") String outcome,
        @Schema(examples = "enterprise-emea") String queueId,
        @Schema(description = "Rep the lead is assigned to; absent when it waits in the queue for a claim", examples = "rep-042") String repId,
        @Schema(enumeration = {"minScore", "account", "rule", "default", "overflow"}, examples = "rule") String via,
        @Schema(description = "The rule that matched, if any", examples = "Enterprise EMEA") String rule,
        @Schema(description = "Routing rules version used", examples = "3") Integer rulesVersion,
        List<Step> trace) {

    /** One step of the decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RoutingStep")
    public record Step(
            @Schema(enumeration = {"minScore", "account", "rule", "default", "assignment", "overflow"}, examples = "rule") String step,
            @Schema(description = "Rule name, queue id or domain", examples = "Enterprise EMEA") String subject,
            @Schema(examples = "matched") String outcome,
            @Schema(examples = "(country in [\"de\", \"fr\"] and score.total gte 60)") String detail,
            @Schema(description = "Assignment steps: each member and whether it could take the lead") List<Assigner.Eligibility> candidates) {
    }
}
