package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/** The lead-quality page: the API's lead-quality report, ranked by acceptance rate and drawn. */
@ApplicationScoped
public class QualityPage {

    private static final int MAX_BARS = 25;

    public record View(String groupBy, List<Option> groupings, String fromDate, String toDate, String csvHref, String apiPath,
                       Chart.Bars chart, List<Row> rows, boolean campaign, String previousFrom, String previousTo,
                       java.util.Map<String, Header> headers) {

        /** The grouping as a caption says it ("score band", not the parameter's name). */
        public String groupLabel() {
            return label(groupBy);
        }
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** A group's row; every count links to the list of the leads it counts. */
    public record Row(int rank, String group, LeadListPage.Count received, LeadListPage.Count accepted, LeadListPage.Count rejected,
                      String acceptanceRate, LeadListPage.Count converted, LeadListPage.Count won, String costPerAcceptedLead,
                      List<Reason> topRejectionReasons, String spend, String costPerLead, String costPerWonDeal,
                      String previousReceived, String rateChange) {
    }

    /** A rejection reason of a group, with its count linked to those leads. */
    public record Reason(String label, LeadListPage.Count count) {
    }

    private final CallerReports reports;
    private final ReasonLabels reasons;

    public QualityPage(CallerReports reports, ReasonLabels reasons) {
        this.reports = reports;
        this.reasons = reasons;
    }

    /** The grouping asked for, or the first one this caller may have. */
    static String grouping(Caller caller, String groupBy) {
        return groupBy == null || groupBy.isBlank() ? CallerReports.groupings(caller).get(0) : groupBy;
    }

    /** The report's rows as the API answers them to this caller (or its refusal). */
    public List<ReportViews.QualityRow> rows(Caller caller, String groupBy, Period period) {
        return reports.leadQuality(caller, groupBy, period.from(), period.to()).rows();
    }

    /** The table's sortable columns: the {@code sort} value of each, and the header it heads. */
    static final java.util.Map<String, Comparator<ReportViews.QualityRow>> SORTS = java.util.Map.of(
            "group", Comparator.comparing(ReportViews.QualityRow::group),
            "received", Comparator.comparingLong(ReportViews.QualityRow::received),
            "accepted", Comparator.comparingLong(ReportViews.QualityRow::accepted),
            "rejected", Comparator.comparingLong(ReportViews.QualityRow::rejected),
            "acceptanceRate", Comparator.comparing((ReportViews.QualityRow r) -> r.acceptanceRate() == null ? -1 : r.acceptanceRate()),
            "converted", Comparator.comparingLong(ReportViews.QualityRow::converted),
            "won", Comparator.comparingLong(ReportViews.QualityRow::won));

    /** A sortable header: its link (the reverse order when it is the current one) and, when current, its aria-sort. */
    public record Header(String label, String href, String ariaSort) {
    }

    public View build(Caller caller, String groupBy, Period period) {
        return build(caller, groupBy, period, null);
    }

    /** {@code sort}: a column of {@link #SORTS}, a leading '-' for descending; none: the ranking (band order for score bands). */
    public View build(Caller caller, String groupBy, Period period, String sort) {
        String key = sort == null || sort.isBlank() ? null : sort.startsWith("-") ? sort.substring(1) : sort;
        if (key != null && !SORTS.containsKey(key)) {
            throw io.leadhandoff.common.ProblemException.invalidParameter("sort", "must be one of " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))
                    + ", each optionally after -");
        }
        View view = ranked(caller, groupBy, period, key == null ? null
                : sort.startsWith("-") ? SORTS.get(key).reversed() : SORTS.get(key));
        String base = "/console/lead-quality?groupBy=" + LeadListPage.enc(groupBy) + "&" + period.query() + "&sort=";
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("group", label(groupBy));
        labels.put("received", "Received");
        labels.put("accepted", "Accepted");
        labels.put("rejected", "Rejected");
        labels.put("acceptanceRate", "Acceptance rate");
        labels.put("converted", "Converted");
        labels.put("won", "Won");
        java.util.Map<String, Header> headers = new java.util.LinkedHashMap<>();
        labels.forEach((k, label) -> {
            boolean ascending = k.equals(sort);
            boolean descending = ("-" + k).equals(sort);
            headers.put(k, new Header(label, base + LeadListPage.enc(ascending ? "-" + k : k), ascending ? "ascending" : descending ? "descending" : null));
        });
        return new View(view.groupBy(), view.groupings(), view.fromDate(), view.toDate(), view.csvHref(), view.apiPath(), view.chart(), view.rows(),
                view.campaign(), view.previousFrom(), view.previousTo(), headers);
    }

    private View ranked(Caller caller, String groupBy, Period period, Comparator<ReportViews.QualityRow> order) {
        // score bands read in band order, every other grouping ranked by acceptance rate
        List<ReportViews.QualityRow> ranked = order != null ? rows(caller, groupBy, period).stream().sorted(order).toList()
                : "scoreBand".equals(groupBy) ? rows(caller, groupBy, period) : rows(caller, groupBy, period).stream()
                .sorted(Comparator.comparing((ReportViews.QualityRow r) -> r.acceptanceRate() == null ? -1 : r.acceptanceRate()).reversed()
                        .thenComparing(Comparator.comparingLong(ReportViews.QualityRow::received).reversed())
                        .thenComparing(ReportViews.QualityRow::group))
                .toList();
        List<Charts.BarInput> bars = ranked.stream().filter(r -> r.acceptanceRate() != null).limit(MAX_BARS)
                .map(r -> new Charts.BarInput(r.group(), r.acceptanceRate(),
                        Fmt.percent(r.acceptanceRate()) + " of " + Fmt.count(r.accepted() + r.rejected())))
                .toList();
        java.util.Map<String, String> labels = ranked.isEmpty() ? java.util.Map.of() : reasons.all();
        // the same report over the period just before, as long: the change a leader asks about first
        Period previous = new Period(period.from().minus(java.time.Duration.between(period.from(), period.to())), period.from());
        java.util.Map<String, ReportViews.QualityRow> before = new java.util.HashMap<>();
        rows(caller, groupBy, previous).forEach(r -> before.put(r.group(), r));
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            ReportViews.QualityRow r = ranked.get(i);
            String[] group = groupFilter(groupBy, r.group());
            String from = period.from().toString();
            String to = period.to().toString();
            rows.add(new Row(i + 1, r.group(), LeadListPage.count(r.received(), group[0], group[1], "from", from, "to", to),
                    LeadListPage.count(r.accepted(), group[0], group[1], "outcome", "accepted", "from", from, "to", to),
                    LeadListPage.count(r.rejected(), group[0], group[1], "outcome", "rejected", "from", from, "to", to),
                    Fmt.percent(r.acceptanceRate()),
                    LeadListPage.count(r.converted(), group[0], group[1], "outcome", "converted", "from", from, "to", to),
                    LeadListPage.count(r.won(), group[0], group[1], "outcome", "won", "from", from, "to", to),
                    Fmt.money(r.costPerAcceptedLead(), r.currency()),
                    r.topRejectionReasons().stream().map(c -> new Reason(labels.getOrDefault(c.reason(), c.reason()), LeadListPage.count(c.count(), group[0], group[1],
                            "rejectionReason", c.reason(), "from", from, "to", to))).toList(),
                    Fmt.money(r.spend(), r.currency()), Fmt.money(r.costPerLead(), r.currency()), Fmt.money(r.costPerWonDeal(), r.currency()),
                    before.containsKey(r.group()) ? Fmt.count(before.get(r.group()).received()) : Fmt.count(0),
                    change(r.acceptanceRate(), before.containsKey(r.group()) ? before.get(r.group()).acceptanceRate() : null)));
        }
        String query = "groupBy=" + groupBy + "&" + period.query();
        return new View(groupBy, CallerReports.groupings(caller).stream().map(g -> new Option(g, label(g), g.equals(groupBy))).toList(),
                period.fromDate(), period.toDate(), "/console/lead-quality.csv?" + query,
                "/api/v1/reports/lead-quality?" + query,
                Charts.bars("Acceptance rate by " + label(groupBy) + ", highest first", bars, Charts.PERCENT_TICKS),
                rows, "campaign".equals(groupBy) || "source".equals(groupBy), previous.fromDate(), previous.toDate(), java.util.Map.of());
    }

    /** The lead list filter that selects a group's leads: (name, value); a score band's label becomes its lower bound. */
    static String[] groupFilter(String groupBy, String group) {
        if ("scoreBand".equals(groupBy)) {
            return new String[] {"scoreBand", group.startsWith("(") ? "-1" : group.substring(0, group.indexOf('-'))};
        }
        return new String[] {groupBy, group};
    }

    /** The change of a rate in percentage points, signed; none when either side has no rate. */
    static String change(Double now, Double before) {
        if (now == null || before == null) {
            return Fmt.NONE;
        }
        double points = (now - before) * 100;
        return String.format(java.util.Locale.ROOT, "%+.1f pts", points);
    }

    static String label(String groupBy) {
        return "scoreBand".equals(groupBy) ? "score band" : groupBy;
    }
}
