package io.leadhandoff.routing;

import io.leadhandoff.common.StorableTime;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of queues and members (accounts: {@link AccountViews}). */
public final class RoutingViews {

    private RoutingViews() {
    }

    @Schema(name = "QueueRequest")
    public record QueueRequest(
            @Schema(description = "Queue id: lower-case letters, digits and dashes (POST only; fixed afterwards)", examples = "enterprise-emea")
            @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String id,
            @Schema(examples = "Enterprise EMEA") @NotBlank @Size(max = 100) String name,
            @Schema(examples = "Companies of 1,000+ employees in Europe") @Size(max = 500) String description,
            @Schema(description = "Inactive queues are skipped by routing rules; default true", examples = "true") Boolean active,
            @Schema(description = "pull, round-robin or load-balanced; default pull", examples = "round-robin") AssignmentMode assignmentMode,
            @Schema(description = "Default lease length for claims, 30 s – 24 h; default 900", examples = "900")
            @Min(30) @Max(86_400) Integer leaseSeconds,
            @Schema(description = "Minutes from queued to claimed before the lead is escalated", examples = "60")
            @Min(1) @Max(43_200) Integer slaMinutes,
            @Schema(description = "Where leads go when nobody in this queue is eligible", examples = "inbound")
            @Size(max = 64) String overflowQueueId,
            @Schema(description = "Rules skip this queue for leads with a lower total score", examples = "50")
            @Min(0) @Max(100) Integer minScore) {
    }

    @Schema(name = "Queue")
    public record QueueView(String id, String name, String description, boolean active, AssignmentMode assignmentMode,
                            int leaseSeconds, Integer slaMinutes, String overflowQueueId, Integer minScore,
                            Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "QueueMemberRequest")
    public record MemberRequest(
            @Schema(description = "Relative share of round-robin assignments, 1–100; default 1", examples = "2") @Min(1) @Max(100) Integer weight,
            @Schema(description = "Most open leads at once (assigned, claimed, accepted, converted)", examples = "25") @Min(0) @Max(100_000) Integer maxOpen,
            @Schema(description = "Most new assignments per UTC day", examples = "40") @Min(0) @Max(100_000) Integer maxPerDay,
            @Schema(description = "active, paused or away; default active", examples = "active") MemberStatus status,
            @Schema(description = "With status away: when the rep is back (UTC)") @StorableTime Instant awayUntil) {
    }

    @Schema(name = "QueueMember")
    public record MemberView(String queueId, String repId, int weight, Integer maxOpen, Integer maxPerDay,
                             MemberStatus status, Instant awayUntil,
                             @Schema(description = "Open leads held now") int openLeads,
                             @Schema(description = "Assignments today (UTC)") int assignedToday,
                             Instant lastAssignedAt) {
    }

    @Schema(name = "RoutingRulesVersion")
    public record RuleSetView(@Schema(examples = "3") int version, Instant createdAt, RuleSetDocument rules) {
    }
}
