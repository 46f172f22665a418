package io.leadhandoff.console;

import io.leadhandoff.report.ReportService;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The overview: today's and this week's intake, waiting leads, SLA breaches, and acceptance by source week by week. */
@ApplicationScoped
public class OverviewPage {

    static final int WEEKS = 6;
    static final int SOURCES = 5;

    public record View(String receivedToday, String receivedThisWeek, String breachesLastWeek, List<Waiting> waiting,
                       Chart.Lines acceptance, List<String> weeks, List<SourceWeeks> sources) {
    }

    public record Waiting(String queueId, String count, String oldestWait) {
    }

    public record SourceWeeks(String source, String colour, List<String> rates) {
    }

    private final ReportService reports;
    private final WaitingLeads waiting;
    private final Clock clock;

    public OverviewPage(ReportService reports, WaitingLeads waiting, Clock clock) {
        this.reports = reports;
        this.waiting = waiting;
        this.clock = clock;
    }

    public View build(Caller caller) {
        Instant now = clock.instant();
        Instant end = now.plusSeconds(1);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long receivedToday = received(today.atStartOfDay(ZoneOffset.UTC).toInstant(), end);
        long receivedWeek = received(monday.atStartOfDay(ZoneOffset.UTC).toInstant(), end);
        long breaches = reports.sla(now.minus(Duration.ofDays(7)), end).queues().stream()
                .filter(q -> caller.canSee(q.queueId())).mapToLong(ReportViews.SlaQueueRow::breaches).sum();
        List<Waiting> queues = waiting.byQueue(caller).stream()
                .map(w -> new Waiting(w.queueId() == null ? Fmt.NONE : w.queueId(), Fmt.count(w.count()),
                        w.oldestQueuedAt() == null ? Fmt.NONE : Fmt.duration((double) Duration.between(w.oldestQueuedAt(), now).toSeconds())))
                .toList();
        return weekly(monday, end, Fmt.count(receivedToday), Fmt.count(receivedWeek), Fmt.count(breaches), queues);
    }

    private View weekly(LocalDate monday, Instant end, String today, String thisWeek, String breaches, List<Waiting> queues) {
        List<String> weeks = new ArrayList<>();
        Map<String, ReportViews.QualityRow[]> bySource = new HashMap<>();
        for (int i = 0; i < WEEKS; i++) {
            LocalDate start = monday.minusWeeks(WEEKS - 1 - i);
            Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = i == WEEKS - 1 ? end : start.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            weeks.add(start.toString());
            int week = i;
            reports.leadQuality("source", from, to).rows()
                    .forEach(r -> bySource.computeIfAbsent(r.group(), k -> new ReportViews.QualityRow[WEEKS])[week] = r);
        }
        List<String> top = bySource.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, ReportViews.QualityRow[]> e) -> -judged(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(SOURCES).map(Map.Entry::getKey).toList();
        List<Charts.SeriesInput> series = new ArrayList<>();
        List<SourceWeeks> table = new ArrayList<>();
        for (int s = 0; s < top.size(); s++) {
            ReportViews.QualityRow[] rows = bySource.get(top.get(s));
            List<Charts.PointInput> points = new ArrayList<>();
            List<String> rates = new ArrayList<>();
            for (int i = 0; i < WEEKS; i++) {
                ReportViews.QualityRow r = rows[i];
                Double rate = r == null ? null : r.acceptanceRate();
                if (rate != null) {
                    points.add(new Charts.PointInput((double) i / (WEEKS - 1), rate, Fmt.percent(rate)));
                }
                rates.add(rate == null ? Fmt.NONE : Fmt.percent(rate) + " of " + Fmt.count(r.accepted() + r.rejected()));
            }
            series.add(new Charts.SeriesInput(top.get(s), points));
            table.add(new SourceWeeks(top.get(s), Chart.PALETTE.get(s % Chart.PALETTE.size()), rates));
        }
        Chart.Lines chart = Charts.lines("Acceptance rate by source, week by week (weeks start on Monday, UTC)", series,
                weeks.stream().map(w -> w.substring(5)).toList(), Charts.PERCENT_TICKS, false);
        return new View(today, thisWeek, breaches, queues, chart, weeks, table);
    }

    private long received(Instant from, Instant to) {
        return reports.funnel(from, to).steps().get(0).count();
    }

    private static long judged(ReportViews.QualityRow[] rows) {
        long n = 0;
        for (ReportViews.QualityRow r : rows) {
            n += r == null ? 0 : r.accepted() + r.rejected();
        }
        return n;
    }
}
