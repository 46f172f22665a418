package io.leadhandoff.report;

import io.leadhandoff.write.WritePath;
import io.leadhandoff.event.EventFeedService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

/**
 * Per-day aggregates of the leads received each UTC day, one set per grouping: counts, log-scale
 * duration histograms and rejection reasons. A report adds up the days fully inside its period and
 * computes the partial days at its edges from the leads themselves, so any period costs
 * O(days × groups) instead of a scan of every lead in it. The
 * leads that have new events on the change feed since the last refresh are applied to them one by one
 * ({@link RollupDeltas}; every day on first use), so the aggregates are exact as of the refresh every report
 * does before it reads.
 */
@ApplicationScoped
public class ReportRollup {

    /** A period of time [from, to). */
    private record Window(Instant from, Instant to) {
    }

    /** Above this many new events a refresh recomputes the changed days instead (one scan per day beats many steps). */
    static final long MAX_DELTA_EVENTS = 200_000;
    /** How long a report starts refresh steps before it reads; the steps done until then are kept. */
    private static final long REPORT_REFRESH_BUDGET_NANOS = Duration.ofSeconds(2).toNanos();
    static final int EVENTS_PER_STEP = 500;
    private volatile int eventsPerStep = EVENTS_PER_STEP;

    private final RollupRepository rows;
    private final RollupDeltas deltas;
    private final MeterRegistry metrics;
    private final EventFeedService feed;
    private final Duration maxStaleness;
    private final Clock clock;
    private volatile long lastRefresh = Long.MIN_VALUE / 2;

    /** A step may recompute whole days (the first build, a purged feed): it gets far longer than a request. */
    private static final Duration STEP = Duration.ofHours(1);
    private final WritePath writes;

    public ReportRollup(RollupRepository rows, RollupDeltas deltas, EventFeedService feed, Clock clock, MeterRegistry metrics,
                        ReportsConfig config, WritePath writes) {
        this.writes = writes;
        this.rows = rows;
        this.deltas = deltas;
        this.metrics = metrics;
        this.feed = feed;
        this.clock = clock;
        this.maxStaleness = config.maxStaleness();
    }

    /**
     * Refreshes, then adds up the period's leads for one grouping. Until the first build of the
     * aggregates has finished (a background job; about a minute per million leads) reports are
     * computed from the leads directly: slower, never wrong.
     */
    public ReportAggregates read(String dim, Instant from, Instant to) {
        ReportAggregates out = new ReportAggregates();
        Split split = split(from, to);
        if (split.fromDays()) {
            rows.dayCounts(dim, split.firstFull(), split.endFull()).forEach(out::add);
            rows.dayDurations(dim, split.firstFull(), split.endFull()).forEach(out::add);
            rows.dayReasons(dim, split.firstFull(), split.endFull()).forEach(out::add);
        }
        for (Window w : split.edges()) {
            rows.leadCounts(dim, w.from(), w.to()).forEach(out::add);
            for (String metric : RollupRepository.METRICS_OF.get(dim)) {
                rows.leadDurations(dim, metric, w.from(), w.to()).forEach(out::add);
            }
            rows.leadReasons(dim, w.from(), w.to()).forEach(out::add);
        }
        return out;
    }

    /** Refreshes, then adds up the labelled leads of {@code version} received in the period. */
    public CalibrationSums calibration(int version, Instant from, Instant to) {
        CalibrationSums out = new CalibrationSums();
        Split split = split(from, to);
        if (split.fromDays()) {
            rows.dayCalibration(version, split.firstFull(), split.endFull()).forEach(out::add);
            rows.dayProbabilities(version, split.firstFull(), split.endFull()).forEach(out::add);
        }
        for (Window w : split.edges()) {
            rows.leadCalibration(w.from(), w.to()).stream().filter(r -> r.version() == version).forEach(out::add);
            rows.leadProbabilities(w.from(), w.to()).stream().filter(r -> r.version() == version).forEach(out::add);
        }
        return out;
    }

    /** How a period is read: whole days [firstFull, endFull) from the aggregates when {@code fromDays}, the edges from the leads. */
    private record Split(boolean fromDays, LocalDate firstFull, LocalDate endFull, List<Window> edges) {
    }

    /** Refreshes the aggregates if they are built and stale, then splits [from, to) into aggregated days and edges. */
    private Split split(Instant from, Instant to) {
        boolean aggregated = rows.built();
        if (aggregated) {
            refreshIfStale();
        }
        LocalDate firstFull = LocalDate.ofInstant(from.minusNanos(1), ZoneOffset.UTC).plusDays(1);
        LocalDate endFull = endOfAggregatedDays(to);
        boolean fromDays = aggregated && firstFull.isBefore(endFull);
        return new Split(fromDays, firstFull, endFull, edges(fromDays, firstFull, endFull, from, to));
    }

    /** The parts of [from, to) the aggregated days do not cover: the partial days at its edges, or all of it. */
    private static List<Window> edges(boolean fromDays, LocalDate firstFull, LocalDate endFull, Instant from, Instant to) {
        List<Window> raw = fromDays
                ? List.of(new Window(from, start(firstFull)), new Window(start(endFull), to))
                : List.of(new Window(from, to));
        return raw.stream().filter(w -> w.from().isBefore(w.to())).toList();
    }

    /**
     * The day after the last one a period can read from the aggregates. A period that ends after now holds all of
     * today's leads so far, which is exactly today's aggregate: no scan of today's leads. One that ends now exactly
     * does not (its end is exclusive, and a lead of this very second is stamped now): its last day is an edge, read
     * from the leads — at midnight that is the whole of a day that has just begun.
     */
    private LocalDate endOfAggregatedDays(Instant to) {
        LocalDate day = LocalDate.ofInstant(to, ZoneOffset.UTC);
        return to.isAfter(clock.instant()) ? day.plusDays(1) : day;
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Recomputing a changed day costs a scan of that day's leads, so under steady intake a report does
     * not refresh again if this replica refreshed within {@code max-staleness} (default 30 s; 0 in tests).
     */
    private void refreshIfStale() {
        if (System.nanoTime() - lastRefresh >= maxStaleness.toNanos()) {
            refresh(REPORT_REFRESH_BUDGET_NANOS);
        }
    }

    /**
     * Brings the aggregates up to the change feed: applies each lead that changed since the last refresh (its old
     * contribution out, its new one in), so a busy day costs the leads that changed, not a scan of the day. The feed
     * is taken {@link #EVENTS_PER_STEP} events at a time, each step committed with its position, so work done is never
     * lost to a deadline and one refresh never holds the aggregates for long. The first build, a feed purged past the
     * last refresh, or more than {@link #MAX_DELTA_EVENTS} new events (a replica that was down for long) recompute
     * whole days instead. One refresher at a time (row lock per step).
     */
    public Refresh refresh() {
        return refresh(Long.MAX_VALUE);
    }

    /** As {@link #refresh()}, but starts no new step after {@code budgetNanos}: a report does not wait on a long backlog. */
    private Refresh refresh(long budgetNanos) {
        long started = System.nanoTime();
        lastRefresh = started;
        feed.sequenceIfLeader();
        Timer.Sample sample = Timer.start();
        Refresh done = new Refresh(0, 0, 0, false);
        Refresh step;
        do {
            step = writes.job(STEP, this::refreshStep);
            done = done.plus(step);
        } while (!step.finished() && System.nanoTime() - started < budgetNanos);
        sample.stop(Timer.builder("leadhandoff.report.refresh").description("Report aggregate refreshes: leads applied one by one, "
                + "whole days recomputed, or nothing new").tag("mode", done.mode()).register(metrics));
        return done;
    }

    /** One step: the next {@link #EVENTS_PER_STEP} events of the feed, or whole days; {@code finished} once at the head. */
    private Refresh refreshStep() {
        RollupRepository.State state = rows.lockState();
        RollupRepository.Feed changes = rows.feed();
        if (state.built() && changes.head() <= state.lastSeq()) {
            return Refresh.FINISHED;
        }
        boolean incremental = state.built() && state.lastSeq() >= changes.purgedThrough();
        if (incremental && changes.head() - state.lastSeq() <= MAX_DELTA_EVENTS) {
            long upTo = Math.min(changes.head(), state.lastSeq() + eventsPerStep);
            List<String> changed = rows.changedLeads(state.lastSeq(), upTo);
            deltas.apply(changed);
            rows.markRefreshed(upTo);
            return new Refresh(changed.size(), 0, 1, upTo == changes.head());
        }
        TreeSet<LocalDate> sorted = new TreeSet<>(rows.changedDays(state.lastSeq(), changes.head(), incremental));
        if (!state.built()) {
            rows.deleteAll();
        }
        // consecutive days are recomputed together: one grouped query per set instead of one per day
        LocalDate runStart = null;
        LocalDate previous = null;
        for (LocalDate day : sorted) {
            if (runStart != null && !day.equals(previous.plusDays(1))) {
                rows.recompute(runStart, previous.plusDays(1));
                runStart = null;
            }
            if (runStart == null) {
                runStart = day;
            }
            previous = day;
        }
        if (runStart != null) {
            rows.recompute(runStart, previous.plusDays(1));
        }
        rows.markRefreshed(changes.head());
        return new Refresh(0, sorted.size(), 1, true);
    }

    /** Change-feed events per refresh step ({@value #EVENTS_PER_STEP}); a test takes small steps. */
    void eventsPerStep(int events) {
        eventsPerStep = events;
    }

    /** What a refresh did: leads applied one by one, days recomputed from their leads, in how many steps. */
    public record Refresh(int leadsApplied, int daysRecomputed, int steps, boolean finished) {
        static final Refresh FINISHED = new Refresh(0, 0, 0, true);

        Refresh plus(Refresh step) {
            return new Refresh(leadsApplied + step.leadsApplied, daysRecomputed + step.daysRecomputed, steps + step.steps, step.finished);
        }

        String mode() {
            return daysRecomputed > 0 ? "days" : leadsApplied > 0 ? "leads" : "none";
        }
    }

    /** Keeps the aggregates close to current, so a report rarely has much to recompute. */
    @Scheduled(every = "${lead-handoff.reports.refresh-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshInBackground() {
        refresh();
    }
}
