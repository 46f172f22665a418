package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;

/** The overview: today's and this week's intake, waiting leads, SLA breaches, and acceptance by source week by week. */
@ApplicationScoped
public class OverviewPage {

    static final int WEEKS = 6;
    static final int SOURCES = 5;

    public record View(String receivedToday, String receivedThisWeek, String breachesLastWeek, List<Waiting> waiting,
                       Chart.Lines acceptance, List<String> weeks, List<SourceWeeks> sources) {
    }

    public record Waiting(String queueId, String count, String href, String oldestWait) {
    }

    public record SourceWeeks(String source, String colour, List<String> rates) {
    }

    private final CallerReports reports;
    private final WaitingLeads waiting;
    private final Roster roster;
    private final Clock clock;
    private final ManagedExecutor executor;

    public OverviewPage(CallerReports reports, WaitingLeads waiting, Roster roster, Clock clock, ManagedExecutor executor) {
        this.executor = executor;
        this.reports = reports;
        this.waiting = waiting;
        this.roster = roster;
        this.clock = clock;
    }

    public View build(Caller caller) {
        Instant now = clock.instant();
        Instant end = now.plusSeconds(1);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        // the reports are independent reads, each in its own transaction: ask them at once
        CompletableFuture<Long> receivedToday = async(() -> received(caller, today.atStartOfDay(ZoneOffset.UTC).toInstant(), end));
        CompletableFuture<Long> receivedWeek = async(() -> received(caller, monday.atStartOfDay(ZoneOffset.UTC).toInstant(), end));
        CompletableFuture<Long> breaches = async(() -> reports.sla(caller, now.minus(Duration.ofDays(7)), end).queues().stream()
                .mapToLong(ReportViews.SlaQueueRow::breaches).sum());
        List<CompletableFuture<List<ReportViews.QualityRow>>> weekly = new ArrayList<>();
        List<String> weeks = new ArrayList<>();
        for (int i = 0; i < WEEKS; i++) {
            LocalDate start = monday.minusWeeks(WEEKS - 1 - i);
            Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = i == WEEKS - 1 ? end : start.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            weeks.add(start.toString());
            weekly.add(async(() -> reports.leadQuality(caller, "source", from, to).rows()));
        }
        List<Waiting> queues = waiting.of(roster.queues(caller)).stream().filter(w -> w.count() > 0)
                .map(w -> new Waiting(w.queueId(), w.countText(), LeadListPage.href("queue", w.queueId(), "status", "queued"), w.oldestWaitText(now))).toList();
        Map<String, ReportViews.QualityRow[]> bySource = new HashMap<>();
        for (int i = 0; i < WEEKS; i++) {
            int week = i;
            join(weekly.get(i)).forEach(r -> bySource.computeIfAbsent(r.group(), k -> new ReportViews.QualityRow[WEEKS])[week] = r);
        }
        return weekly(weeks, bySource, Fmt.count(join(receivedToday)), Fmt.count(join(receivedWeek)), Fmt.count(join(breaches)), queues);
    }

    private View weekly(List<String> weeks, Map<String, ReportViews.QualityRow[]> bySource, String today, String thisWeek,
                        String breaches, List<Waiting> queues) {
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

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return executor.supplyAsync(work);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private long received(Caller caller, Instant from, Instant to) {
        return reports.funnel(caller, from, to).steps().get(0).count();
    }

    private static long judged(ReportViews.QualityRow[] rows) {
        long n = 0;
        for (ReportViews.QualityRow r : rows) {
            n += r == null ? 0 : r.accepted() + r.rejected();
        }
        return n;
    }
}
