package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The funnel page: the API's funnel report, received → accepted → converted → won. */
@ApplicationScoped
public class FunnelPage {

    public record View(String fromDate, String toDate, String apiPath, String csvHref, Chart.Bars chart, List<Step> steps,
                       String medianSalesCycle, String revenue, String averageDealSize) {
    }

    public record Step(String step, String count, String href, String rateFromPrevious, String medianFromPrevious) {
    }

    private final CallerReports reports;

    public FunnelPage(CallerReports reports) {
        this.reports = reports;
    }

    /** The API's funnel report for this caller (or its refusal). */
    public ReportViews.FunnelReport report(Caller caller, Period period) {
        return reports.funnel(caller, period.from(), period.to());
    }

    public View build(Caller caller, Period period) {
        ReportViews.FunnelReport funnel = report(caller, period);
        long received = funnel.steps().get(0).count();
        List<Charts.BarInput> bars = funnel.steps().stream()
                .map(s -> new Charts.BarInput(s.step(), received == 0 ? 0 : (double) s.count() / received, Fmt.count(s.count())))
                .toList();
        List<Step> steps = funnel.steps().stream()
                .map(s -> new Step(s.step(), Fmt.count(s.count()), LeadListPage.href("outcome", outcome(s.step()), "from", period.from().toString(),
                        "to", period.to().toString()), Fmt.percent(s.rateFromPrevious()), Fmt.duration(s.medianSecondsFromPrevious())))
                .toList();
        return new View(period.fromDate(), period.toDate(), "/api/v1/reports/funnel?" + period.query(), "/console/funnel.csv?" + period.query(),
                Charts.bars("Leads at each step, as a share of leads received", bars, Charts.PERCENT_TICKS), steps,
                Fmt.duration(funnel.medianSalesCycleSeconds()), Fmt.money(funnel.revenue()), Fmt.money(funnel.averageDealSize()));
    }

    /** The list filter of a step: the funnel counts every lead that reached it (accepted at some time, not the final verdict). */
    private static String outcome(String step) {
        return switch (step) {
            case "accepted" -> "everAccepted";
            case "received" -> null;
            default -> step;
        };
    }
}
