package io.leadhandoff.report;

import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The reports as one caller may read them: the single place that decides which report a queue-limited key
 * may have and cuts it to the key's queues. The report API and the console both read through it, so a page
 * can never show a key what the API would refuse it.
 */
@ApplicationScoped
public class CallerReports {

    /** Every lead-quality grouping, in the order pages offer them. */
    public static final List<String> GROUP_BY = List.of("source", "campaign", "queue", "rep", "scoreBand");
    /** The one grouping whose rows each belong to one queue; a rep's row adds up the rep's leads in every queue. */
    private static final String PER_QUEUE_GROUPING = "queue";

    private final ReportService reports;

    public CallerReports(ReportService reports) {
        this.reports = reports;
    }

    /** The groupings of lead quality this caller may ask for. */
    public static List<String> groupings(Caller caller) {
        return caller.limitedToQueues() ? List.of(PER_QUEUE_GROUPING) : GROUP_BY;
    }

    /** Refuses a grouping whose rows add up leads of several queues to a queue-limited key (403). */
    public static void requireLeadQuality(Caller caller, String groupBy) {
        if (caller.limitedToQueues() && !PER_QUEUE_GROUPING.equals(groupBy)) {
            throw notPerQueue("Lead quality by " + groupBy);
        }
    }

    public ReportViews.QualityReport leadQuality(Caller caller, String groupBy, Instant from, Instant to) {
        requireLeadQuality(caller, groupBy);
        return QueueScope.of(reports.leadQuality(groupBy, from, to), caller);
    }

    public ReportViews.FunnelReport funnel(Caller caller, Instant from, Instant to) {
        requireEveryQueue(caller, "The funnel");
        return reports.funnel(from, to);
    }

    public ReportViews.SlaReport sla(Caller caller, Instant from, Instant to) {
        return QueueScope.of(reports.sla(from, to), caller);
    }

    /** Calibration of model {@code version}, or of the active model when it is null. */
    public ReportViews.CalibrationReport calibration(Caller caller, Instant from, Instant to, Integer version) {
        requireEveryQueue(caller, "Score calibration");
        return reports.calibration(from, to, version);
    }

    /** Refuses a report that adds up leads of every queue to a queue-limited key (403). */
    public static void requireEveryQueue(Caller caller, String report) {
        if (caller.limitedToQueues()) {
            throw notPerQueue(report);
        }
    }

    private static ProblemException notPerQueue(String report) {
        return new ProblemException(ProblemType.FORBIDDEN, report + " adds up leads of every queue, and this API key is limited to "
                + "queues; lead quality by queue and the SLA report hold only the key's queues");
    }
}
