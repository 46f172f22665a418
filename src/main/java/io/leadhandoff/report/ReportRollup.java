package io.leadhandoff.report;

import io.leadhandoff.event.EventFeedService;
import io.leadhandoff.scoring.Metrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-day aggregates of the leads received each UTC day, one set per grouping: counts, log-scale
 * duration histograms and rejection reasons. A report adds up the days fully inside its period and
 * computes the partial days at its edges from the leads themselves, so any period costs
 * O(days × groups) instead of a scan of every lead in it. The days to recompute are the creation
 * days of leads that have new events on the change feed since the last refresh (plus everything on
 * first use), so the aggregates are exact as of the refresh every report does before it reads.
 */
@ApplicationScoped
public class ReportRollup {

    static final Map<String, String> GROUPS = Map.of(
            "source", "coalesce(l.source, '(none)')",
            "campaign", "coalesce(l.campaign, '(none)')",
            "queue", "coalesce(l.queue_id, '(none)')",
            "rep", "coalesce(l.feedback_rep_id, l.owner_rep_id, '(none)')",
            "scoreBand", "concat(coalesce(l.score_total - mod(l.score_total, 10), -1), '')",
            "all", "'all'");

    /** Durations: name → (start column, end column). */
    static final Map<String, String[]> METRICS = Map.of(
            "toClaim", new String[] {"l.created_at", "l.first_claimed_at"},
            "toFeedback", new String[] {"l.created_at", "l.first_feedback_at"},
            "routeClaim", new String[] {"l.routed_at", "l.first_claimed_at"},
            "accept", new String[] {"l.created_at", "l.accepted_at"},
            "convert", new String[] {"l.accepted_at", "l.converted_at"},
            "win", new String[] {"l.converted_at", "l.won_at"},
            "cycle", new String[] {"l.created_at", "l.won_at"});

    private static final Map<String, List<String>> METRICS_OF = Map.of(
            "source", List.of("toClaim", "toFeedback"),
            "campaign", List.of("toClaim", "toFeedback"),
            "queue", List.of("toClaim", "toFeedback", "routeClaim"),
            "rep", List.of("toClaim", "toFeedback"),
            "scoreBand", List.of("toClaim", "toFeedback"),
            "all", List.of("accept", "convert", "win", "cycle"));

    private static final String COUNTS = "count(*), "
            + "sum(case when l.disqualified then 1 else 0 end), "
            + "sum(case when l.routed_at is not null and l.queue_id is not null then 1 else 0 end), "
            + present("accepted_at") + ", " + present("rejected_at") + ", " + present("recycled_at") + ", "
            + present("converted_at") + ", " + present("won_at") + ", " + present("lost_at") + ", "
            + "sum(case when l.sla_breaches > 0 then 1 else 0 end), coalesce(sum(l.sla_breaches), 0), "
            + "coalesce(sum(case when l.won_at is not null then l.deal_amount else 0 end), 0), "
            + "sum(case when " + ReportService.FINAL_ACCEPTED + " then 1 else 0 end), "
            + "sum(case when l.previous_lead_id is not null then 1 else 0 end)";
    private static final String WINDOW = " l.created_at >= :a and l.created_at < :b ";

    private static final List<String> TABLES = List.of("report_counts", "report_durations", "report_reasons",
            "report_calibration", "report_calibration_p");
    /** The training label (1 accepted, 0 rejected as a bad lead, null excluded) and the probability the model gave. */
    private static final String CALIBRATION_ROWS = "select cast(l.created_at as date) as d, l.score_model_version as v, "
            + "l.score_total - mod(l.score_total, 10) as band, l.score_grade as g, " + ReportService.LABEL + " as lab, "
            + "case when l.converted_at is not null then 1 else 0 end as conv, "
            + "coalesce(l.acceptance_probability, l.score_total / 100.0) as p from lead l" + ReportService.LABEL_JOIN
            + "where " + WINDOW + " and l.score_model_version is not null and l.score_total is not null";
    private static final String CALIBRATION_GROUPS = "select d, v, band, g, lab, conv, count(*), sum(p), sum(p * p) from ("
            + CALIBRATION_ROWS + ") x where lab is not null group by d, v, band, g, lab, conv";
    private static final String PROBABILITY_GROUPS = "select d, v, pb, lab, count(*) from (select d, v, lab, "
            + "least(greatest(floor(p * 100), 0), 100) as pb from (" + CALIBRATION_ROWS + ") x where lab is not null) y group by d, v, pb, lab";

    /** Labelled leads of one model version: per band and grade [n, accepted, converted, Σp], probability histogram, Brier sums. */
    public static final class Calibration {
        final Map<Integer, double[]> bands = new TreeMap<>();
        final Map<String, double[]> grades = new TreeMap<>();
        final TreeMap<Integer, long[]> probability = new TreeMap<>();
        double n;
        double positives;
        double sumP2;
        double sumPPositive;

        void add(Object[] r) {
            int band = ((Number) r[2]).intValue();
            String grade = String.valueOf(r[3]);
            int label = ((Number) r[4]).intValue();
            int converted = ((Number) r[5]).intValue();
            long count = n(r[6]);
            double sumP = ((Number) r[7]).doubleValue();
            for (double[] t : List.of(bands.computeIfAbsent(band, b -> new double[4]), grades.computeIfAbsent(grade, g -> new double[4]))) {
                t[0] += count;
                t[1] += label * count;
                t[2] += converted * count;
                t[3] += sumP;
            }
            n += count;
            positives += label * count;
            sumP2 += ((Number) r[8]).doubleValue();
            sumPPositive += label == 1 ? sumP : 0;
        }

        void addProbability(int bucket, int label, long count) {
            probability.computeIfAbsent(bucket, b -> new long[2])[label] += count;
        }

        /** Mean of (p − y)²: Σp² − 2·Σp·y + Σy, exact. */
        Double brier() {
            return n == 0 ? null : Metrics.round((sumP2 - 2 * sumPPositive + positives) / n);
        }

        /** Rank-sum AUC over 1 % probability buckets, leads in one bucket counting as ties. */
        Double auc() {
            double pos = 0;
            double neg = 0;
            for (long[] c : probability.values()) {
                neg += c[0];
                pos += c[1];
            }
            if (pos == 0 || neg == 0) {
                return null;
            }
            double below = 0;
            double wins = 0;
            for (long[] c : probability.values()) {
                wins += c[1] * (below + c[0] / 2.0);
                below += c[0];
            }
            return Metrics.round(wins / (pos * neg));
        }
    }

    /** Refreshes, then adds up the labelled leads of {@code version} received in the period. */
    @SuppressWarnings("unchecked")
    public Calibration calibration(int version, Instant from, Instant to) {
        Calibration out = new Calibration();
        boolean aggregated = built();
        if (aggregated) {
            refreshIfStale();
        }
        LocalDate firstFull = LocalDate.ofInstant(from.minusNanos(1), ZoneOffset.UTC).plusDays(1);
        LocalDate endFull = endOfAggregatedDays(to);
        List<Instant[]> raw = new ArrayList<>();
        if (aggregated && firstFull.isBefore(endFull)) {
            em.createNativeQuery("select on_day, model_version, band, grade, label, converted, sum(n), sum(sum_p), sum(sum_p2) "
                            + "from report_calibration where model_version = :v and on_day >= :first and on_day < :end "
                            + "group by on_day, model_version, band, grade, label, converted")
                    .setParameter("v", version).setParameter("first", firstFull).setParameter("end", endFull)
                    .getResultList().forEach(r -> out.add((Object[]) r));
            em.createNativeQuery("select p_bucket, label, sum(n) from report_calibration_p where model_version = :v "
                            + "and on_day >= :first and on_day < :end group by p_bucket, label")
                    .setParameter("v", version).setParameter("first", firstFull).setParameter("end", endFull)
                    .getResultList().forEach(r -> {
                        Object[] row = (Object[]) r;
                        out.addProbability(((Number) row[0]).intValue(), ((Number) row[1]).intValue(), n(row[2]));
                    });
            raw.add(new Instant[] {from, start(firstFull)});
            raw.add(new Instant[] {start(endFull), to});
        } else {
            raw.add(new Instant[] {from, to});
        }
        for (Instant[] w : raw) {
            if (!w[0].isBefore(w[1])) {
                continue;
            }
            window(em.createNativeQuery(CALIBRATION_GROUPS), w[0], w[1]).getResultList().forEach(r -> {
                Object[] row = (Object[]) r;
                if (((Number) row[1]).intValue() == version) {
                    out.add(row);
                }
            });
            window(em.createNativeQuery(PROBABILITY_GROUPS), w[0], w[1]).getResultList().forEach(r -> {
                Object[] row = (Object[]) r;
                if (((Number) row[1]).intValue() == version) {
                    out.addProbability(((Number) row[2]).intValue(), ((Number) row[3]).intValue(), n(row[4]));
                }
            });
        }
        return out;
    }

    /** Durations below this many seconds are kept exactly; above, in buckets 5 % wide. */
    static final int EXACT_BELOW = 100;
    /** Positions in a group's counts past the eleven stage and SLA counts. */
    static final int ACCEPTED_FINAL = 11;
    static final int LATER_CYCLES = 12;
    static final int COUNT_COLUMNS = 13;
    static final double GROWTH = 1.05;

    /**
     * What a set of leads adds up to, per group. Counts: received … lost (stages reached), breached leads, breaches,
     * accepted by final verdict, later cycles; then won amount.
     */
    public static final class Aggregates {
        final Map<String, long[]> counts = new TreeMap<>();
        final Map<String, BigDecimal> wonAmount = new HashMap<>();
        final Map<String, Map<String, TreeMap<Integer, Long>>> durations = new HashMap<>();
        final Map<String, Map<String, Long>> reasons = new HashMap<>();

        void addCounts(String group, Object[] row, int offset) {
            long[] c = counts.computeIfAbsent(group, g -> new long[COUNT_COLUMNS]);
            for (int i = 0; i < 11; i++) {
                c[i] += n(row[offset + i]);
            }
            wonAmount.merge(group, decimal(row[offset + 11]), BigDecimal::add);
            c[ACCEPTED_FINAL] += n(row[offset + 12]);
            c[LATER_CYCLES] += n(row[offset + 13]);
        }

        void addDuration(String metric, String group, int bucket, long count) {
            durations.computeIfAbsent(metric, m -> new HashMap<>()).computeIfAbsent(group, g -> new TreeMap<>())
                    .merge(bucket, count, Long::sum);
        }

        void addReason(String group, String reason, long count) {
            reasons.computeIfAbsent(group, g -> new HashMap<>()).merge(reason, count, Long::sum);
        }

        /** Nearest-rank percentile of a duration in seconds; null without data. */
        Double percentile(String metric, String group, double p) {
            TreeMap<Integer, Long> histogram = durations.getOrDefault(metric, Map.of()).get(group);
            if (histogram == null) {
                return null;
            }
            long total = histogram.values().stream().mapToLong(Long::longValue).sum();
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return (double) representative(e.getKey());
                }
            }
            return null;
        }
    }

    private final EntityManager em;
    private final EventFeedService feed;
    private final Duration maxStaleness;
    private final java.time.Clock clock;
    private volatile long lastRefresh = Long.MIN_VALUE / 2;

    public ReportRollup(EntityManager em, EventFeedService feed, java.time.Clock clock,
                        @ConfigProperty(name = "lead-handoff.reports.max-staleness", defaultValue = "PT30S") Duration maxStaleness) {
        this.em = em;
        this.clock = clock;
        this.feed = feed;
        this.maxStaleness = maxStaleness;
    }

    /**
     * Recomputing a changed day costs a scan of that day's leads, so under steady intake a report does
     * not refresh again if this replica refreshed within {@code max-staleness} (default 30 s; 0 in tests).
     */
    private void refreshIfStale() {
        if (System.nanoTime() - lastRefresh >= maxStaleness.toNanos()) {
            refresh();
        }
    }

    private static String present(String column) {
        return "sum(case when l." + column + " is not null then 1 else 0 end)";
    }

    /** The SQL bucket of a duration: exact seconds below 100, then one bucket per 5 % growth. */
    static String bucketSql(String start, String end) {
        String d = "greatest(timestampdiff(SECOND, " + start + ", " + end + "), 0)";
        return "case when " + d + " < " + EXACT_BELOW + " then " + d + " else " + EXACT_BELOW + " + floor(ln(" + d + " / "
                + EXACT_BELOW + ".0) / ln(" + GROWTH + ")) end";
    }

    /** The value a bucket stands for: the second itself, or the geometric middle of the bucket. */
    static long representative(int bucket) {
        if (bucket < EXACT_BELOW) {
            return bucket;
        }
        return Math.round(EXACT_BELOW * Math.pow(GROWTH, bucket - EXACT_BELOW + 0.5));
    }

    /**
     * Refreshes, then adds up the period's leads for one grouping. Until the first build of the
     * aggregates has finished (a background job; about a minute per million leads) reports are
     * computed from the leads directly: slower, never wrong.
     */
    public Aggregates read(String dim, Instant from, Instant to) {
        Aggregates out = new Aggregates();
        if (!built()) {
            raw(dim, from, to, out);
            return out;
        }
        refreshIfStale();
        LocalDate firstFull = LocalDate.ofInstant(from.minusNanos(1), ZoneOffset.UTC).plusDays(1);
        LocalDate endFull = endOfAggregatedDays(to);
        if (firstFull.isBefore(endFull)) {
            readDays(dim, firstFull, endFull, out);
            raw(dim, from, start(firstFull), out);
            raw(dim, start(endFull), to, out);
        } else {
            raw(dim, from, to, out);
        }
        return out;
    }

    private boolean built() {
        Object value = QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("select built from report_rollup_state where id = 1").getSingleResult());
        return Boolean.TRUE.equals(value) || value instanceof Number num && num.intValue() != 0;
    }

    /**
     * The day after the last one a period can read from the aggregates. A period that ends now or later
     * holds all of today's leads so far, which is exactly today's aggregate: no scan of today's leads.
     */
    private LocalDate endOfAggregatedDays(Instant to) {
        LocalDate day = LocalDate.ofInstant(to, ZoneOffset.UTC);
        return to.isBefore(clock.instant()) ? day : day.plusDays(1);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @SuppressWarnings("unchecked")
    private void readDays(String dim, LocalDate first, LocalDate end, Aggregates out) {
        List<Object[]> counts = days(em.createNativeQuery("select grp, sum(received), sum(disqualified), sum(routed), sum(accepted), "
                + "sum(rejected), sum(recycled), sum(converted), sum(won), sum(lost), sum(breached), sum(breaches), sum(won_amount), "
                + "sum(accepted_final), sum(later_cycles) "
                + "from report_counts where dim = :dim and on_day >= :first and on_day < :end group by grp"), dim, first, end).getResultList();
        counts.forEach(r -> out.addCounts((String) r[0], r, 1));
        List<Object[]> durations = days(em.createNativeQuery("select metric, grp, bucket, sum(n) from report_durations "
                + "where dim = :dim and on_day >= :first and on_day < :end group by metric, grp, bucket"), dim, first, end).getResultList();
        durations.forEach(r -> out.addDuration((String) r[0], (String) r[1], ((Number) r[2]).intValue(), n(r[3])));
        List<Object[]> reasons = days(em.createNativeQuery("select grp, reason, sum(n) from report_reasons "
                + "where dim = :dim and on_day >= :first and on_day < :end group by grp, reason"), dim, first, end).getResultList();
        reasons.forEach(r -> out.addReason((String) r[0], (String) r[1], n(r[2])));
    }

    private static Query days(Query q, String dim, LocalDate first, LocalDate end) {
        return q.setParameter("dim", dim).setParameter("first", first).setParameter("end", end);
    }

    /** The same aggregates straight from the leads of [a, b). */
    @SuppressWarnings("unchecked")
    private void raw(String dim, Instant a, Instant b, Aggregates out) {
        if (!a.isBefore(b)) {
            return;
        }
        String group = GROUPS.get(dim);
        List<Object[]> counts = window(em.createNativeQuery("select " + group + ", " + COUNTS + " from lead l where " + WINDOW
                + " group by " + group), a, b).getResultList();
        counts.forEach(r -> out.addCounts(String.valueOf(r[0]), r, 1));
        for (String metric : METRICS_OF.get(dim)) {
            List<Object[]> rows = window(em.createNativeQuery(durationSelect(dim, metric)), a, b).getResultList();
            rows.forEach(r -> out.addDuration(metric, String.valueOf(r[0]), ((Number) r[1]).intValue(), n(r[2])));
        }
        List<Object[]> reasons = window(em.createNativeQuery(reasonSelect(dim)), a, b).getResultList();
        reasons.forEach(r -> out.addReason(String.valueOf(r[0]), (String) r[1], n(r[2])));
    }

    private static String durationSelect(String dim, String metric) {
        String[] span = METRICS.get(metric);
        return "select grp, b, count(*) from (select " + GROUPS.get(dim) + " as grp, " + bucketSql(span[0], span[1]) + " as b "
                + "from lead l where " + WINDOW + " and " + span[0] + " is not null and " + span[1] + " is not null) x group by grp, b";
    }

    private static String reasonSelect(String dim) {
        String group = GROUPS.get(dim);
        return "select " + group + ", l.outcome_reason, count(*) from lead l where " + WINDOW
                + " and l.rejected_at is not null and l.outcome_reason is not null group by " + group + ", l.outcome_reason";
    }

    private static Query window(Query q, Instant a, Instant b) {
        return q.setParameter("a", a).setParameter("b", b);
    }

    /**
     * Recomputes the days whose leads changed since the last refresh. One refresher at a time (row
     * lock); a report waits for a running refresh, so it always reads its own writes.
     */
    public void refresh() {
        lastRefresh = System.nanoTime();
        feed.sequenceIfLeader();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            Object[] state = (Object[]) em.createNativeQuery("select last_seq, built from report_rollup_state where id = 1 for update")
                    .getSingleResult();
            long last = n(state[0]);
            boolean built = Boolean.TRUE.equals(state[1]) || state[1] instanceof Number num && num.intValue() != 0;
            Object[] sequencer = (Object[]) em.createNativeQuery("select last_seq, purged_through from event_sequencer where id = 1")
                    .getSingleResult();
            long head = n(sequencer[0]);
            if (built && head <= last) {
                return;
            }
            String changedDays = built && last >= n(sequencer[1])
                    ? "select distinct cast(l.created_at as date) from change_feed f join lead_event e on e.id = f.event_id "
                    + "join lead l on l.id = e.lead_id where f.seq > :last and f.seq <= :head"
                    : "select distinct cast(l.created_at as date) from lead l where :last >= 0 and :head >= 0";
            @SuppressWarnings("unchecked")
            List<Object> days = em.createNativeQuery(changedDays).setParameter("last", last).setParameter("head", head).getResultList();
            TreeSet<LocalDate> sorted = new TreeSet<>();
            days.forEach(d -> sorted.add(toDate(d)));
            if (!built) {
                for (String table : TABLES) {
                    em.createNativeQuery("delete from " + table).executeUpdate();
                }
            }
            // consecutive days are recomputed together: one grouped query per set instead of one per day
            LocalDate runStart = null;
            LocalDate previous = null;
            for (LocalDate day : sorted) {
                if (runStart != null && !day.equals(previous.plusDays(1))) {
                    recompute(runStart, previous.plusDays(1));
                    runStart = null;
                }
                if (runStart == null) {
                    runStart = day;
                }
                previous = day;
            }
            if (runStart != null) {
                recompute(runStart, previous.plusDays(1));
            }
            em.createNativeQuery("update report_rollup_state set last_seq = :head, built = true where id = 1")
                    .setParameter("head", head).executeUpdate();
        });
    }

    /** Replaces the aggregates of the days [first, end) with what their leads add up to now, one grouped query per set. */
    private void recompute(LocalDate first, LocalDate end) {
        for (String table : TABLES) {
            em.createNativeQuery("delete from " + table + " where on_day >= :first and on_day < :end")
                    .setParameter("first", first).setParameter("end", end).executeUpdate();
        }
        Instant a = start(first);
        Instant b = start(end);
        String day = "cast(l.created_at as date)";
        for (Map.Entry<String, String> g : GROUPS.entrySet()) {
            String dim = g.getKey();
            window(em.createNativeQuery("insert into report_counts (on_day, dim, grp, received, disqualified, routed, accepted, rejected, "
                    + "recycled, converted, won, lost, breached, breaches, won_amount, accepted_final, later_cycles) select " + day + ", :dim, " + g.getValue() + ", " + COUNTS
                    + " from lead l where " + WINDOW + " group by " + day + ", " + g.getValue()), a, b)
                    .setParameter("dim", dim).executeUpdate();
            for (String metric : METRICS_OF.get(dim)) {
                String[] span = METRICS.get(metric);
                window(em.createNativeQuery("insert into report_durations (on_day, dim, grp, metric, bucket, n) select d, :dim, grp, :metric, bk, count(*) "
                        + "from (select " + day + " as d, " + g.getValue() + " as grp, " + bucketSql(span[0], span[1]) + " as bk from lead l where "
                        + WINDOW + " and " + span[0] + " is not null and " + span[1] + " is not null) x group by d, grp, bk"), a, b)
                        .setParameter("dim", dim).setParameter("metric", metric).executeUpdate();
            }
            window(em.createNativeQuery("insert into report_reasons (on_day, dim, grp, reason, n) select " + day + ", :dim, " + g.getValue()
                    + ", l.outcome_reason, count(*) from lead l where " + WINDOW + " and l.rejected_at is not null and l.outcome_reason is not null "
                    + "group by " + day + ", " + g.getValue() + ", l.outcome_reason"), a, b)
                    .setParameter("dim", dim).executeUpdate();
        }
        window(em.createNativeQuery("insert into report_calibration (on_day, model_version, band, grade, label, converted, n, sum_p, sum_p2) "
                + CALIBRATION_GROUPS), a, b).executeUpdate();
        window(em.createNativeQuery("insert into report_calibration_p (on_day, model_version, p_bucket, label, n) " + PROBABILITY_GROUPS), a, b)
                .executeUpdate();
    }

    /** Keeps the aggregates close to current, so a report rarely has much to recompute. */
    @Scheduled(every = "${lead-handoff.reports.refresh-every:30s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshInBackground() {
        refresh();
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    /** Top three rejection reasons of a group, most frequent first. */
    static List<ReportViews.ReasonCount> top(Map<String, Long> reasons) {
        if (reasons == null) {
            return List.of();
        }
        List<ReportViews.ReasonCount> all = new ArrayList<>();
        reasons.forEach((reason, count) -> all.add(new ReportViews.ReasonCount(reason, count)));
        all.sort(java.util.Comparator.comparingLong(ReportViews.ReasonCount::count).reversed().thenComparing(ReportViews.ReasonCount::reason));
        return all.subList(0, Math.min(3, all.size()));
    }

}
