package io.leadhandoff.console;

import io.leadhandoff.report.ReportService;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The lead-quality page: the API's lead-quality report, ranked by acceptance rate and drawn. */
@ApplicationScoped
public class QualityPage {

    static final List<String> GROUP_BY = List.of("source", "campaign", "queue", "rep", "scoreBand");
    private static final int MAX_BARS = 25;

    public record View(String groupBy, List<Option> groupings, String fromDate, String toDate, String csvHref, String apiPath,
                       Chart.Bars chart, List<Row> rows, boolean campaign) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Row(int rank, String group, String received, String accepted, String rejected, String acceptanceRate,
                      String converted, String won, String costPerAcceptedLead, String topRejectionReasons) {
    }

    private final ReportService reports;
    private final Roster roster;

    public QualityPage(ReportService reports, Roster roster) {
        this.reports = reports;
        this.roster = roster;
    }

    /** The report's rows this caller may see: a queue-limited key sees only its queues and their reps. */
    public List<ReportViews.QualityRow> rows(Caller caller, String groupBy, Period period) {
        ReportViews.QualityReport report = reports.leadQuality(groupBy, period.from(), period.to());
        if (!caller.limitedToQueues() || !("queue".equals(groupBy) || "rep".equals(groupBy))) {
            return report.rows();
        }
        Set<String> visible = "queue".equals(groupBy) ? caller.queues() : roster.visibleReps(caller);
        return report.rows().stream().filter(r -> visible.contains(r.group())).collect(Collectors.toList());
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
        return new View(groupBy, GROUP_BY.stream().map(g -> new Option(g, label(g), g.equals(groupBy))).toList(),
                period.fromDate(), period.toDate(), "/console/lead-quality.csv?" + query,
                "/api/v1/reports/lead-quality?" + query,
                Charts.bars("Acceptance rate by " + label(groupBy) + ", highest first", bars, Charts.PERCENT_TICKS),
                rows, "campaign".equals(groupBy));
    }

    static String label(String groupBy) {
        return "scoreBand".equals(groupBy) ? "score band" : groupBy;
    }
}
