package io.leadhandoff.report;

import io.leadhandoff.security.Caller;

/**
 * Cuts a per-queue report down to the queues a caller may see: a queue-limited key reads only its own
 * queues' rows (the rows of other queues, and of leads in no queue, are left out).
 */
final class QueueScope {

    private QueueScope() {
    }

    static ReportViews.QualityReport of(ReportViews.QualityReport report, Caller caller) {
        if (!caller.limitedToQueues()) {
            return report;
        }
        return new ReportViews.QualityReport(report.groupBy(), report.from(), report.to(),
                report.rows().stream().filter(r -> caller.canSee(r.group())).toList());
    }

    static ReportViews.SlaReport of(ReportViews.SlaReport report, Caller caller) {
        if (!caller.limitedToQueues()) {
            return report;
        }
        return new ReportViews.SlaReport(report.from(), report.to(),
                report.queues().stream().filter(r -> caller.canSee(r.queueId())).toList(),
                report.reps().stream().filter(r -> caller.canSee(r.queueId())).toList());
    }
}
