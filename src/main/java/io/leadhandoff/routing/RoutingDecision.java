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
        List<Step> trace,
        @Schema(description = "The account the lead matched, by which rule, with the similarity; matchedBy=ambiguous lists the "
                + "candidates. Absent on decisions made before accounts were matched by name") AccountMatchView account) {

    public RoutingDecision(String outcome, String queueId, String repId, String via, String rule, Integer rulesVersion, List<Step> trace) {
        this(outcome, queueId, repId, via, rule, rulesVersion, trace, null);
    }

    /** This decision with the account match that was tried before it. */
    public RoutingDecision withAccount(AccountMatchView match) {
        return new RoutingDecision(outcome, queueId, repId, via, rule, rulesVersion, trace, match);
    }

    /** One step of the decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RoutingStep")
    public record Step(
            @Schema(enumeration = {"minScore", "account", "rule", "default", "assignment", "overflow"}, examples = "rule") String step,
            @Schema(description = "Rule name, queue id or account id", examples = "Enterprise EMEA") String subject,
            @Schema(examples = "matched") String outcome,
            @Schema(examples = "(country in [\"de\", \"fr\"] and score.total gte 60)") String detail,
            @Schema(description = "Assignment steps: each member and whether it could take the lead") List<Assigner.Eligibility> candidates) {
    }
}
