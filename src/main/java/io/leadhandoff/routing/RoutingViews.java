package io.leadhandoff.routing;

import io.leadhandoff.common.StorableTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
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
            @Schema(description = "Minutes from queued to claimed before the lead is escalated; business minutes of the queue's "
                    + "schedule when it has one (wall-clock minutes otherwise)", examples = "60")
            @Min(1) @Max(43_200) Integer slaMinutes,
            @Schema(description = "Where leads go when nobody in this queue is eligible", examples = "inbound")
            @Size(max = 64) String overflowQueueId,
            @Schema(description = "Rules skip this queue for leads with a lower total score", examples = "50")
            @Min(0) @Max(100) Integer minScore,
            @Schema(description = "The queue's working hours (a schedule id): its SLA clock counts only their time, and overflow "
                    + "goes to this queue only while they are open. Absent: around the clock.", examples = "berlin-office")
            @Size(max = 64) String scheduleId) {
    }

    @Schema(name = "Queue")
    public record QueueView(String id, String name, String description, boolean active, AssignmentMode assignmentMode,
                            int leaseSeconds, Integer slaMinutes, String overflowQueueId, Integer minScore,
                            Instant createdAt, Instant updatedAt,
                            @Schema(description = "The queue's working hours; null: around the clock", nullable = true, examples = "berlin-office") String scheduleId,
                            @Schema(description = "Whether the queue's schedule is working time now (always true without one)") boolean open,
                            @Schema(description = "When closed: when it next opens (UTC); null when open or never opening", nullable = true) Instant nextOpening) {
    }

    /** An out-of-office period: [from, until), open-ended on a side left out. */
    @Schema(name = "OutOfOffice")
    public record OutOfOffice(
            @Schema(description = "Start (UTC); absent: already away", nullable = true) @StorableTime Instant from,
            @Schema(description = "End (UTC); absent: until further notice", nullable = true) @StorableTime Instant until) {
    }

    @Schema(name = "QueueMemberRequest")
    public record MemberRequest(
            @Schema(description = "Relative share of round-robin assignments, 1–100; default 1", examples = "2") @Min(1) @Max(100) Integer weight,
            @Schema(description = "Most open leads at once (assigned, claimed, accepted, converted)", examples = "25") @Min(0) @Max(100_000) Integer maxOpen,
            @Schema(description = "Most new assignments per UTC day", examples = "40") @Min(0) @Max(100_000) Integer maxPerDay,
            @Schema(description = "active, paused or away; default active. `away` (with `awayUntil`, or until further notice) is a "
                    + "shortcut for an out-of-office period starting now", examples = "active") MemberStatus status,
            @Schema(description = "With status away: when the rep is back (UTC)") @StorableTime Instant awayUntil,
            @Schema(description = "The rep's shift in this queue (a schedule id): push assignment picks the rep only while it is open; "
                    + "claims are allowed any time. Absent: any time.", examples = "berlin-office") @Size(max = 64) String scheduleId,
            @Schema(description = "Out-of-office periods; at most 50") @Size(max = 50) @Valid List<OutOfOffice> outOfOffice) {
    }

    @Schema(name = "QueueMember")
    public record MemberView(String queueId, String repId, int weight, Integer maxOpen, Integer maxPerDay,
                             @Schema(description = "paused as set; else away while an out-of-office period covers now; else active") MemberStatus status,
                             @Schema(description = "While away: the end of the current out-of-office period (null: until further notice)", nullable = true) Instant awayUntil,
                             @Schema(description = "Open leads held now") int openLeads,
                             @Schema(description = "Assignments today (UTC)") int assignedToday,
                             Instant lastAssignedAt,
                             @Schema(description = "The rep's shift; null: any time", nullable = true) String scheduleId,
                             @Schema(description = "Whether the shift is open now (always true without a schedule)") boolean onShift,
                             List<OutOfOffice> outOfOffice) {
    }

    @Schema(name = "RoutingRulesVersion")
    public record RuleSetView(@Schema(examples = "3") int version, Instant createdAt, RuleSetDocument rules) {
    }
}
