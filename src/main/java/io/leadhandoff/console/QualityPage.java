package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The lead-quality page: the API's lead-quality report, ranked by acceptance rate and drawn. */
@ApplicationScoped
public class QualityPage {

    private static final int MAX_BARS = 25;

    public record View(String groupBy, List<Option> groupings, String fromDate, String toDate, String csvHref, String apiPath,
                       Chart.Bars chart, List<Row> rows, boolean campaign) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Row(int rank, String group, String received, String accepted, String rejected, String acceptanceRate,
                      String converted, String won, String costPerAcceptedLead, String topRejectionReasons) {
    }

    private final CallerReports reports;

    public QualityPage(CallerReports reports) {
        this.reports = reports;
    }

    /** The grouping asked for, or the first one this caller may have. */
    static String grouping(Caller caller, String groupBy) {
        return groupBy == null || groupBy.isBlank() ? CallerReports.groupings(caller).get(0) : groupBy;
    }

    /** The report's rows as the API answers them to this caller (or its refusal). */
    public List<ReportViews.QualityRow> rows(Caller caller, String groupBy, Period period) {
        return reports.leadQuality(caller, groupBy, period.from(), period.to()).rows();
    }

    public View build(Caller caller, String groupBy, Period period) {
        List<ReportViews.QualityRow> ranked = rows(caller, groupBy, period).stream()
                .sorted(Comparator.comparing((ReportViews.QualityRow r) -> r.acceptanceRate() == null ? -1 : r.acceptanceRate()).reversed()
                        .thenComparing(Comparator.comparingLong(ReportViews.QualityRow::received).reversed())
                        .thenComparing(ReportViews.QualityRow::group))
                .toList();
        List<Charts.BarInput> bars = ranked.stream().filter(r -> r.acceptanceRate() != null).limit(MAX_BARS)
                .map(r -> new Charts.BarInput(r.group(), r.acceptanceRate(),
                        Fmt.percent(r.acceptanceRate()) + " of " + Fmt.count(r.accepted() + r.rejected())))
                .toList();
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            ReportViews.QualityRow r = ranked.get(i);
            rows.add(new Row(i + 1, r.group(), Fmt.count(r.received()), Fmt.count(r.accepted()), Fmt.count(r.rejected()),
                    Fmt.percent(r.acceptanceRate()), Fmt.count(r.converted()), Fmt.count(r.won()), Fmt.money(r.costPerAcceptedLead()),
                    r.topRejectionReasons().stream().map(c -> c.reason() + " (" + Fmt.count(c.count()) + ")").collect(Collectors.joining(", "))));
        }
        String query = "groupBy=" + groupBy + "&" + period.query();
        return new View(groupBy, CallerReports.groupings(caller).stream().map(g -> new Option(g, label(g), g.equals(groupBy))).toList(),
                period.fromDate(), period.toDate(), "/console/lead-quality.csv?" + query,
                "/api/v1/reports/lead-quality?" + query,
                Charts.bars("Acceptance rate by " + label(groupBy) + ", highest first", bars, Charts.PERCENT_TICKS),
                rows, "campaign".equals(groupBy));
    }

    static String label(String groupBy) {
        return "scoreBand".equals(groupBy) ? "score band" : groupBy;
    }
}
