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
                       java.util.Map<String, Sortable.Header> headers, Reasons reasons, Trends.View trend) {

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

    /** The rejection-reasons chart and its table: per group, the count of each reason named, the rest, and all rejected. */
    public record Reasons(Chart.Stacked chart, List<String> kinds, boolean rest, List<ReasonRow> rows) {
    }

    /** {@code counts} follow {@link Reasons#kinds}; {@code rest} counts rejections for reasons not named (no list holds exactly them). */
    public record ReasonRow(String group, List<LeadListPage.Count> counts, String rest, LeadListPage.Count rejected) {
    }

    /** A rejection reason of a group, with its count linked to those leads. */
    public record Reason(String label, LeadListPage.Count count) {
    }

    /** Groups in the rejection-reasons chart (the most rejected first) and reasons named in it (the most frequent). */
    static final int REASON_GROUPS = 12;
    static final int REASON_KINDS = 6;

    private final CallerReports reports;
    private final ReasonLabels reasons;
    private final Trends trends;

    public QualityPage(CallerReports reports, ReasonLabels reasons, Trends trends) {
        this.reports = reports;
        this.reasons = reasons;
        this.trends = trends;
    }

    /** The grouping asked for, or the first one this caller may have. */
    static String grouping(Caller caller, String groupBy) {
        return groupBy == null || groupBy.isBlank() ? CallerReports.groupings(caller).get(0) : groupBy;
    }

    /** The report's rows as the API answers them to this caller (or its refusal). */
    public List<ReportViews.QualityRow> rows(Caller caller, String groupBy, Period period) {
        return reports.leadQuality(caller, groupBy, period.from(), period.to()).rows();
    }

    /** The table's sortable columns. */
    static Sortable<ReportViews.QualityRow> columns(String groupBy) {
        return new Sortable<ReportViews.QualityRow>()
                .column("group", label(groupBy), ReportViews.QualityRow::group)
                .column("received", "Received", ReportViews.QualityRow::received)
                .column("accepted", "Accepted", ReportViews.QualityRow::accepted)
                .column("rejected", "Rejected", ReportViews.QualityRow::rejected)
                .column("acceptanceRate", "Acceptance rate", ReportViews.QualityRow::acceptanceRate)
                .column("converted", "Converted", ReportViews.QualityRow::converted)
                .column("won", "Won", ReportViews.QualityRow::won);
    }

    public View build(Caller caller, String groupBy, Period period) {
        return build(caller, groupBy, period, null);
    }

    /** {@code sort}: a column of {@link #columns}, a leading '-' for descending; none: the ranking (band order for score bands). */
    public View build(Caller caller, String groupBy, Period period, String sort) {
        Sortable<ReportViews.QualityRow> columns = columns(groupBy);
        View view = ranked(caller, groupBy, period, columns.order("sort", sort));
        String base = "/console/lead-quality?groupBy=" + LeadListPage.enc(groupBy) + "&" + period.query() + "&sort=";
        return new View(view.groupBy(), view.groupings(), view.fromDate(), view.toDate(), view.csvHref(), view.apiPath(), view.chart(), view.rows(),
                view.campaign(), view.previousFrom(), view.previousTo(), columns.headers(base, sort), view.reasons(), view.trend());
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
                rows, "campaign".equals(groupBy) || "source".equals(groupBy), previous.fromDate(), previous.toDate(), java.util.Map.of(),
                reasons(groupBy, period, ranked, labels), trends.build(caller, groupBy, period, Trends.largest(ranked)));
    }

    /**
     * Rejections of each group, split by reason: the reasons the report names (each group's three most frequent), the
     * most frequent overall in colour, and the rest of the group's rejections as one grey part, so each bar is the
     * group's rejected count.
     */
    static Reasons reasons(String groupBy, Period period, List<ReportViews.QualityRow> rows, java.util.Map<String, String> labels) {
        List<ReportViews.QualityRow> rejected = rows.stream().filter(r -> r.rejected() > 0)
                .sorted(Comparator.comparingLong(ReportViews.QualityRow::rejected).reversed().thenComparing(ReportViews.QualityRow::group))
                .limit(REASON_GROUPS).toList();
        java.util.Map<String, Long> totals = new java.util.HashMap<>();
        rejected.forEach(r -> r.topRejectionReasons().forEach(c -> totals.merge(c.reason(), c.count(), Long::sum)));
        List<String> kinds = totals.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(REASON_KINDS).map(java.util.Map.Entry::getKey).toList();
        List<Charts.StackInput> inputs = new java.util.ArrayList<>();
        List<ReasonRow> table = new java.util.ArrayList<>();
        boolean rest = false;
        String from = period.from().toString();
        String to = period.to().toString();
        for (ReportViews.QualityRow r : rejected) {
            String[] group = groupFilter(groupBy, r.group());
            List<Long> counts = new java.util.ArrayList<>();
            List<LeadListPage.Count> links = new java.util.ArrayList<>();
            long named = 0;
            for (String kind : kinds) {
                long n = r.topRejectionReasons().stream().filter(c -> c.reason().equals(kind)).mapToLong(ReportViews.ReasonCount::count).sum();
                counts.add(n);
                links.add(LeadListPage.count(n, group[0], group[1], "rejectionReason", kind, "from", from, "to", to));
                named += n;
            }
            long other = Math.max(0, r.rejected() - named);
            counts.add(other);
            rest |= other > 0;
            inputs.add(new Charts.StackInput(r.group(), counts));
            table.add(new ReasonRow(r.group(), links, Fmt.count(other),
                    LeadListPage.count(r.rejected(), group[0], group[1], "outcome", "rejected", "from", from, "to", to)));
        }
        List<String> names = new java.util.ArrayList<>(kinds.stream().map(k -> labels.getOrDefault(k, k)).toList());
        names.add("Other reasons");
        if (!rest) {
            names.remove(names.size() - 1);
            inputs = inputs.stream().map(i -> new Charts.StackInput(i.label(), i.counts().subList(0, kinds.size()))).toList();
        }
        return new Reasons(Charts.stacked("Rejected leads by " + label(groupBy) + " and reason, the most rejected first", inputs, names, rest),
                names.subList(0, kinds.size()), rest, table);
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
