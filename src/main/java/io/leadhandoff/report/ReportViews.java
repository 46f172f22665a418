package io.leadhandoff.report;

import io.leadhandoff.common.StorableTime;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The report shapes. Rates are fractions 0–1 (null when the denominator is 0); durations are seconds. */
public final class ReportViews {

    private ReportViews() {
    }

    @Schema(name = "ReasonCount")
    public record ReasonCount(@Schema(examples = "NO_BUDGET") String reason, @Schema(examples = "12") long count) {
    }

    @Schema(name = "LeadQualityRow")
    public record QualityRow(
            @Schema(description = "The group's value: a source, campaign, queue, rep, score band or account match rule", examples = "hubspot") String group,
            long received, long disqualified, long routed,
            @Schema(description = "Leads whose final verdict is accepted (accepted, converted, won or lost; not later rejected or recycled)") long accepted,
            @Schema(description = "Leads whose final verdict is rejected (also when accepted first)") long rejected,
            @Schema(description = "Leads whose final verdict is recycled (also when accepted first)") long recycled,
            long converted, long won, long lost,
            @Schema(description = "accepted / (accepted + rejected), by final verdict") Double acceptanceRate,
            @Schema(description = "converted / accepted") Double conversionRate,
            @Schema(description = "won / (won + lost)") Double winRate,
            @Schema(description = "Median seconds from received to first claim (exact below 100 s, within 2.5 % above)") Double medianSecondsToClaim,
            @Schema(description = "Median seconds from received to first feedback (exact below 100 s, within 2.5 % above)") Double medianSecondsToFeedback,
            @Schema(description = "Share of routed leads that breached their SLA at least once") Double slaBreachRate,
            @Schema(description = "Most frequent rejection reasons, most frequent first (at most 3)") List<ReasonCount> topRejectionReasons,
            @Schema(description = "groupBy=campaign or source: what the campaign (the source's campaigns) cost in the window, each spend "
                    + "period prorated by the share of its days the window covers; absent when its spend is in more than one currency")
            BigDecimal spend,
            BigDecimal costPerLead, BigDecimal costPerAcceptedLead, BigDecimal costPerWonDeal,
            @Schema(description = "Of the leads received, how many are a later cycle of a person whose earlier lead had closed", examples = "0") long laterCycles,
            @Schema(description = "Currency of spend and costs (ISO 4217); several, comma-separated, when a source's campaigns spend "
                    + "in different currencies (then no amounts are added up)", examples = "EUR") String currency) {
    }

    /** OpenAPI shape of the lead-quality grouping, one named enum for the groupBy parameter and the report's field. */
    @Schema(name = "ReportGroupBy", type = SchemaType.STRING, enumeration = {"source", "campaign", "queue", "rep", "scoreBand", "accountMatch"})
    public static final class GroupBy {
        private GroupBy() {
        }
    }

    @Schema(name = "LeadQualityReport")
    public record QualityReport(@Schema(ref = "ReportGroupBy") String groupBy,
                                Instant from, Instant to, List<QualityRow> rows) {
    }

    @Schema(name = "FunnelStep")
    public record FunnelStep(@Schema(examples = "accepted") String step, long count,
                             @Schema(description = "count / previous step's count") Double rateFromPrevious,
                             @Schema(description = "Median seconds from the previous step") Double medianSecondsFromPrevious) {
    }

    @Schema(name = "FunnelReport")
    public record FunnelReport(Instant from, Instant to, List<FunnelStep> steps,
                               @Schema(description = "Median seconds from received to won") Double medianSalesCycleSeconds,
                               @Schema(description = "Sum of WON amounts") BigDecimal revenue,
                               @Schema(description = "revenue / won deals") BigDecimal averageDealSize,
                               @Schema(description = "Of the leads received, how many are a later cycle of a person whose earlier lead had closed", examples = "0") long laterCycles) {
    }

    @Schema(name = "SlaQueueRow", description = "A queue's SLA figures. Breaches are counted on the queue's clock; times are given "
            + "in business minutes of the queue's schedule (what the SLA counts) with wall-clock minutes beside them (equal without a schedule)")
    public record SlaQueueRow(String queueId, long routed, long breaches, Double breachRate, long leaseExpiries,
                              @Schema(description = "Median wall-clock seconds from routing to first claim") Double medianSecondsToClaim,
                              @Schema(description = "90th percentile wall-clock seconds from routing to first claim") Double p90SecondsToClaim,
                              @Schema(description = "The queue's schedule (its SLA clock); null: around the clock", nullable = true, examples = "berlin-office") String scheduleId,
                              @Schema(description = "Median business minutes from routing to first claim", nullable = true, examples = "20.0") Double medianBusinessMinutesToClaim,
                              @Schema(description = "Median wall-clock minutes from routing to first claim", nullable = true, examples = "3800.0") Double medianWallMinutesToClaim,
                              @Schema(description = "90th percentile business minutes from routing to first claim", nullable = true) Double p90BusinessMinutesToClaim,
                              @Schema(description = "90th percentile wall-clock minutes from routing to first claim", nullable = true) Double p90WallMinutesToClaim,
                              @Schema(description = "Median business minutes from routing to the first verdict", nullable = true) Double medianBusinessMinutesToVerdict,
                              @Schema(description = "Median wall-clock minutes from routing to the first verdict", nullable = true) Double medianWallMinutesToVerdict) {
    }

    @Schema(name = "SlaRepRow")
    public record SlaRepRow(
            @Schema(description = "The rep the lead was assigned to when it breached its SLA, or whose lease expired; `queue` for the "
                    + "queue's own row: breaches of leads that waited in the queue with no rep assigned", examples = "rep-042") String repId,
            String queueId, long breaches, long leaseExpiries) {
    }

    @Schema(name = "SlaReport")
    public record SlaReport(Instant from, Instant to, List<SlaQueueRow> queues, List<SlaRepRow> reps) {
    }

    /** The calibration report's numbers beside its tables, as the first section of its CSV. */
    public record CalibrationSummary(int modelVersion, Instant from, Instant to, long labelled, Double brierScore, Double auc,
                                     String probabilitySource) {
    }

    @Schema(name = "CalibrationRow")
    public record CalibrationRow(@Schema(examples = "70-79") String bucket, long labelled, long accepted, long converted,
                                 Double acceptanceRate, Double conversionRate,
                                 @Schema(description = "Mean acceptance probability the model gave this bucket") Double meanProbability) {
    }

    @Schema(name = "ScoreCalibrationReport")
    public record CalibrationReport(int modelVersion, Instant from, Instant to, long labelled,
                                    List<CalibrationRow> byScoreBand, List<CalibrationRow> byGrade,
                                    @Schema(description = "Mean squared error of the acceptance probability (lower is better; 0.25 is a coin flip)") Double brierScore,
                                    @Schema(description = "Area under the ROC curve of the acceptance probability (0.5 is chance, 1 is perfect), over 1 % probability buckets: exact for a rules-only model") Double auc,
                                    @Schema(description = "Where the probability comes from: the model's learned part, or total/100 for a rules-only model")
                                    String probabilitySource) {
    }

    @Schema(name = "CampaignSpendRequest")
    public record SpendRequest(
            @Schema(examples = "2026-10-01") @NotNull @StorableTime LocalDate from,
            @Schema(examples = "2026-12-31") @NotNull @StorableTime LocalDate to,
            @Schema(examples = "12500.00") @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.DecimalMin("0")
            @jakarta.validation.constraints.DecimalMax("1000000000000") BigDecimal amount,
            @Schema(description = "ISO 4217; every period of a campaign is in the same currency (409 otherwise)", examples = "EUR")
            @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @Schema(description = "The source the campaign runs on, for cost by source; the same for every period of a campaign (409 otherwise)",
                    examples = "hubspot") @jakarta.validation.constraints.Size(max = 100) String source) {
    }

    @Schema(name = "CampaignSpend")
    public record SpendView(String campaign, LocalDate from, LocalDate to, BigDecimal amount, String currency, String source) {
    }
}
