package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The lead-quality page's trend: leads received, accepted and the acceptance rate of each of the largest groups,
 * period by period (a day for periods up to two weeks, a week up to half a year, a calendar month beyond), with
 * the rate's change against the period before. Each bucket is the API's lead-quality report over that bucket, so
 * every number equals the report (and the lead list) for the same dates.
 */
@ApplicationScoped
public class Trends {

    /** Groups drawn and tabled: the largest by leads received in the whole period. */
    static final int GROUPS = 6;

    public enum Unit {
        DAY("day"), WEEK("week"), MONTH("month");

        private final String word;

        Unit(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A bucket of the period: [from, to), and its label ("2026-03-02" is a day, or the first day of a week or month). */
    public record Bucket(Instant from, Instant to, String label) {
    }

    public record View(String unit, List<String> buckets, List<Row> rows, Chart.Lines chart) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** A group's buckets, with its colour in the chart's legend. */
    public record Row(String group, int swatch, List<Cell> cells) {
    }

    /** A bucket of a group: its counts link to their leads; {@code change} is the rate's change against the bucket before. */
    public record Cell(LeadListPage.Count received, LeadListPage.Count accepted, String rate, String change) {
    }

    private final CallerReports reports;
    private final ManagedExecutor executor;

    public Trends(CallerReports reports, ManagedExecutor executor) {
        this.reports = reports;
        this.executor = executor;
    }

    /** The unit a period is shown in. */
    static Unit unit(Period period) {
        Duration span = Duration.between(period.from(), period.to());
        return span.compareTo(Duration.ofDays(14)) <= 0 ? Unit.DAY : span.compareTo(Duration.ofDays(26 * 7)) <= 0 ? Unit.WEEK : Unit.MONTH;
    }

    /**
     * The period cut into buckets: days and weeks start at the period's start (a form's date is a UTC midnight),
     * months on the first of each calendar month (UTC); the first and last bucket may be shorter than the rest.
     */
    static List<Bucket> buckets(Period period) {
        Unit unit = unit(period);
        List<Bucket> out = new ArrayList<>();
        Instant start = period.from();
        while (start.isBefore(period.to())) {
            Instant next = switch (unit) {
                case DAY -> start.plus(Duration.ofDays(1));
                case WEEK -> start.plus(Duration.ofDays(7));
                case MONTH -> LocalDate.ofInstant(start, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            };
            Instant end = next.isAfter(period.to()) ? period.to() : next;
            String day = LocalDate.ofInstant(start, ZoneOffset.UTC).toString();
            out.add(new Bucket(start, end, unit == Unit.MONTH ? day.substring(0, 7) : day));
            start = end;
        }
        return out;
    }

    /**
     * The trend of the {@code top} groups (in that order, at most {@link #GROUPS}) under {@code groupBy}.
     * Score bands are not a trend anyone asks for by week: callers pass the groups they rank.
     */
    public View build(Caller caller, String groupBy, Period period, List<String> top) {
        List<String> groups = top.stream().limit(GROUPS).toList();
        List<Bucket> buckets = buckets(period);
        if (groups.isEmpty()) {
            return new View(unit(period).word(), List.of(), List.of(), Charts.lines("", List.of(), List.of(), Charts.PERCENT_TICKS, false));
        }
        // independent reads, each in its own transaction: ask them at once
        List<CompletableFuture<List<ReportViews.QualityRow>>> asked = new ArrayList<>();
        for (Bucket b : buckets) {
            asked.add(executor.supplyAsync(() -> reports.leadQuality(caller, groupBy, b.from(), b.to()).rows()));
        }
        List<Map<String, ReportViews.QualityRow>> byBucket = new ArrayList<>();
        for (CompletableFuture<List<ReportViews.QualityRow>> f : asked) {
            Map<String, ReportViews.QualityRow> rows = new HashMap<>();
            join(f).forEach(r -> rows.put(r.group(), r));
            byBucket.add(rows);
        }
        List<Row> rows = new ArrayList<>();
        List<Charts.SeriesInput> series = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String group = groups.get(g);
            String[] filter = QualityPage.groupFilter(groupBy, group);
            List<Cell> cells = new ArrayList<>();
            List<Charts.PointInput> points = new ArrayList<>();
            Double before = null;
            for (int i = 0; i < buckets.size(); i++) {
                Bucket b = buckets.get(i);
                ReportViews.QualityRow r = byBucket.get(i).get(group);
                Double rate = r == null ? null : r.acceptanceRate();
                String from = b.from().toString();
                String to = b.to().toString();
                cells.add(new Cell(LeadListPage.count(r == null ? 0 : r.received(), filter[0], filter[1], "from", from, "to", to),
                        LeadListPage.count(r == null ? 0 : r.accepted(), filter[0], filter[1], "outcome", "accepted", "from", from, "to", to),
                        Fmt.percent(rate), i == 0 ? Fmt.NONE : QualityPage.change(rate, before)));
                if (rate != null) {
                    points.add(new Charts.PointInput(buckets.size() == 1 ? 0 : (double) i / (buckets.size() - 1), rate, Fmt.percent(rate)));
                }
                before = rate;
            }
            rows.add(new Row(group, g % Chart.PALETTE.size(), cells));
            series.add(new Charts.SeriesInput(group, points));
        }
        Chart.Lines chart = Charts.lines("Acceptance rate by " + QualityPage.label(groupBy) + ", " + unit(period).word() + " by " + unit(period).word(),
                series, ticks(buckets), Charts.PERCENT_TICKS, false);
        return new View(unit(period).word(), buckets.stream().map(Bucket::label).toList(), rows, chart);
    }

    /** At most about six x-axis labels, so that they never overlap: the others are blank. */
    private static List<String> ticks(List<Bucket> buckets) {
        int every = Math.max(1, (int) Math.ceil(buckets.size() / 6.0));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            String label = buckets.get(i).label();
            labels.add(i % every == 0 ? (label.length() == 10 ? label.substring(5) : label) : "");
        }
        return labels;
    }

    /** The largest groups of a report, by leads received (then by name), for {@link #build}. */
    static List<String> largest(List<ReportViews.QualityRow> rows) {
        return rows.stream().sorted(Comparator.comparingLong(ReportViews.QualityRow::received).reversed()
                .thenComparing(ReportViews.QualityRow::group)).map(ReportViews.QualityRow::group).limit(GROUPS).toList();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
