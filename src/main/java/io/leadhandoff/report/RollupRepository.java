package io.leadhandoff.report;

import java.time.Duration;
import io.leadhandoff.write.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.TupleTransformer;

/**
 * The SQL of the report aggregates: the per-day tables (report_counts, report_durations,
 * report_reasons, report_calibration, report_calibration_p), the same sums straight from the leads of a
 * window, and the refresh state. Rows come back as {@link RollupRows} records.
 */
@ApplicationScoped
public class RollupRepository {

    static final Map<String, String> GROUPS = Map.of(
            "source", "coalesce(l.source, '(none)')",
            "campaign", "coalesce(l.campaign, '(none)')",
            "queue", "coalesce(l.queue_id, '(none)')",
            "rep", "coalesce(l.feedback_rep_id, l.owner_rep_id, '(none)')",
            "scoreBand", "concat(coalesce(l.score_total - mod(l.score_total, 10), -1), '')",
            "accountMatch", "coalesce(l.account_match, 'none')",
            "all", "'all'");

    /** Durations: name → (start column, end column). */
    static final Map<String, List<String>> METRICS = Map.of(
            "toClaim", List.of("l.created_at", "l.first_claimed_at"),
            "toFeedback", List.of("l.created_at", "l.first_feedback_at"),
            "routeClaim", List.of("l.routed_at", "l.first_claimed_at"),
            "accept", List.of("l.created_at", "l.accepted_at"),
            "convert", List.of("l.accepted_at", "l.converted_at"),
            "win", List.of("l.converted_at", "l.won_at"),
            "cycle", List.of("l.created_at", "l.won_at"));

    /** The duration metrics each grouping keeps. */
    static final Map<String, List<String>> METRICS_OF = Map.of(
            "source", List.of("toClaim", "toFeedback"),
            "campaign", List.of("toClaim", "toFeedback"),
            "queue", List.of("toClaim", "toFeedback", "routeClaim"),
            "rep", List.of("toClaim", "toFeedback"),
            "scoreBand", List.of("toClaim", "toFeedback"),
            "accountMatch", List.of("toClaim", "toFeedback"),
            "all", List.of("accept", "convert", "win", "cycle"));

    /** The columns of {@link GroupCounts}, in its order, summed over leads {@code l}. */
    static final String COUNTS = "count(*), "
            + "sum(case when l.disqualified then 1 else 0 end), "
            + "sum(case when l.routed_at is not null and l.queue_id is not null then 1 else 0 end), "
            + present("accepted_at") + ", " + present("rejected_at") + ", " + present("recycled_at") + ", "
            + present("converted_at") + ", " + present("won_at") + ", " + present("lost_at") + ", "
            + "sum(case when l.sla_breaches > 0 then 1 else 0 end), coalesce(sum(l.sla_breaches), 0), "
            + "coalesce(sum(case when l.won_at is not null then l.deal_amount else 0 end), 0), "
            + "sum(case when " + ReportService.FINAL_ACCEPTED + " then 1 else 0 end), "
            + "sum(case when l.previous_lead_id is not null then 1 else 0 end)";
    private static final String DAY_COUNTS = "sum(received), sum(disqualified), sum(routed), sum(accepted), sum(rejected), "
            + "sum(recycled), sum(converted), sum(won), sum(lost), sum(breached), sum(breaches), sum(won_amount), "
            + "sum(accepted_final), sum(later_cycles)";
    private static final String WINDOW = " l.created_at >= :a and l.created_at < :b ";
    private static final String DAYS = " on_day >= :first and on_day < :end ";

    private static final List<String> TABLES = List.of("report_counts", "report_durations", "report_reasons",
            "report_calibration", "report_calibration_p");
    /**
     * The labelled rows of the leads {@code l} of {@code table} that pass {@code filter}: day, model version, band, grade,
     * the training label (1 accepted, 0 rejected as a bad lead, null excluded), converted, and the probability the model gave.
     */
    static String calibrationRows(String table, String filter) {
        return "select cast(l.created_at as date) as d, l.score_model_version as v, "
                + "l.score_total - mod(l.score_total, 10) as band, l.score_grade as g, " + ReportService.LABEL + " as lab, "
                + "case when l.converted_at is not null then 1 else 0 end as conv, "
                + "coalesce(l.acceptance_probability, l.score_total / 100.0) as p from " + table + " l" + ReportService.LABEL_JOIN
                + "where " + filter + " and l.score_model_version is not null and l.score_total is not null";
    }

    /** Where the refresh stands: the change-feed position it has covered, and whether the first build finished. */
    record State(long lastSeq, boolean built) {
    }

    /** The change feed's head, and the position up to which it has been purged. */
    record Feed(long head, long purgedThrough) {
    }

    private final EntityManager em;

    private static final Duration BUILT_READ = Duration.ofSeconds(10);
    /** A group (column 0; never null in the per-day table, which stores the coalesced group) and its {@link GroupCounts}. */
    private static final TupleTransformer<RollupRows.Counts> COUNTS_ROW = (r, aliases) -> new RollupRows.Counts(String.valueOf(r[0]),
            new GroupCounts(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]), n(r[8]), n(r[9]), n(r[10]), n(r[11]),
                    decimal(r[12]), n(r[13]), n(r[14])));

    /** A calibration group after the day in column 0 (as the per-day table and {@link RollupTargets#CALIBRATION} select it). */
    private static final TupleTransformer<RollupRows.Calibration> CALIBRATION_ROW = (r, aliases) -> new RollupRows.Calibration(
            ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), String.valueOf(r[3]), ((Number) r[4]).intValue(),
            ((Number) r[5]).intValue(), n(r[6]), ((Number) r[7]).doubleValue(), ((Number) r[8]).doubleValue());

    private final WritePath writes;

    public RollupRepository(EntityManager em, WritePath writes) {
        this.writes = writes;
        this.em = em;
    }

    /** Whether the first build has finished, read in a transaction of its own. */
    boolean built() {
        return bool(writes.job(BUILT_READ, () ->
                em.createNativeQuery("select built from report_rollup_state where id = 1").getSingleResult()));
    }

    List<RollupRows.Counts> dayCounts(String dim, LocalDate first, LocalDate end) {
        return rows(days(em.createNativeQuery("select grp, " + DAY_COUNTS + " from report_counts where dim = :dim and "
                + DAYS + "group by grp"), dim, first, end), COUNTS_ROW);
    }

    List<RollupRows.Duration> dayDurations(String dim, LocalDate first, LocalDate end) {
        return rows(days(em.createNativeQuery("select metric, grp, bucket, sum(n) from report_durations where dim = :dim and "
                + DAYS + "group by metric, grp, bucket"), dim, first, end),
                (r, aliases) -> new RollupRows.Duration((String) r[0], (String) r[1], ((Number) r[2]).intValue(), n(r[3])));
    }

    List<RollupRows.Reason> dayReasons(String dim, LocalDate first, LocalDate end) {
        return rows(days(em.createNativeQuery("select grp, reason, sum(n) from report_reasons where dim = :dim and "
                + DAYS + "group by grp, reason"), dim, first, end),
                (r, aliases) -> new RollupRows.Reason((String) r[0], (String) r[1], n(r[2])));
    }

    List<RollupRows.Counts> leadCounts(String dim, Instant a, Instant b) {
        String group = GROUPS.get(dim);
        return rows(window(em.createNativeQuery("select " + group + ", " + COUNTS + " from lead l where " + WINDOW
                + " group by " + group), a, b), COUNTS_ROW);
    }

    List<RollupRows.Duration> leadDurations(String dim, String metric, Instant a, Instant b) {
        List<String> span = METRICS.get(metric);
        String sql = "select grp, b, count(*) from (select " + GROUPS.get(dim) + " as grp, " + DurationBuckets.sql(span.get(0), span.get(1))
                + " as b from lead l where " + WINDOW + " and " + span.get(0) + " is not null and " + span.get(1) + " is not null) x group by grp, b";
        return rows(window(em.createNativeQuery(sql), a, b),
                (r, aliases) -> new RollupRows.Duration(metric, String.valueOf(r[0]), ((Number) r[1]).intValue(), n(r[2])));
    }

    List<RollupRows.Reason> leadReasons(String dim, Instant a, Instant b) {
        String group = GROUPS.get(dim);
        return rows(window(em.createNativeQuery("select " + group + ", l.outcome_reason, count(*) from lead l where " + WINDOW
                + " and l.rejected_at is not null and l.outcome_reason is not null group by " + group + ", l.outcome_reason"), a, b),
                (r, aliases) -> new RollupRows.Reason(String.valueOf(r[0]), (String) r[1], n(r[2])));
    }

    List<RollupRows.Calibration> dayCalibration(int version, LocalDate first, LocalDate end) {
        return rows(em.createNativeQuery("select on_day, model_version, band, grade, label, converted, sum(n), sum(sum_p), sum(sum_p2) "
                        + "from report_calibration where model_version = :v and " + DAYS
                        + "group by on_day, model_version, band, grade, label, converted")
                .setParameter("v", version).setParameter("first", first).setParameter("end", end), CALIBRATION_ROW);
    }

    List<RollupRows.Probability> dayProbabilities(int version, LocalDate first, LocalDate end) {
        return rows(em.createNativeQuery("select p_bucket, label, sum(n) from report_calibration_p where model_version = :v and "
                        + DAYS + "group by p_bucket, label")
                .setParameter("v", version).setParameter("first", first).setParameter("end", end),
                (r, aliases) -> new RollupRows.Probability(version, ((Number) r[0]).intValue(), ((Number) r[1]).intValue(), n(r[2])));
    }

    /** Every model version's calibration groups of the leads received in [a, b). */
    List<RollupRows.Calibration> leadCalibration(Instant a, Instant b) {
        return rows(window(em.createNativeQuery(RollupTargets.CALIBRATION.select().over("lead", WINDOW)), a, b), CALIBRATION_ROW);
    }

    /** Every model version's probability buckets of the leads received in [a, b). */
    List<RollupRows.Probability> leadProbabilities(Instant a, Instant b) {
        return rows(window(em.createNativeQuery(RollupTargets.PROBABILITY.select().over("lead", WINDOW)), a, b),
                (r, aliases) -> new RollupRows.Probability(((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                        n(r[4])));
    }

    /** The refresh state, locked until the transaction ends: one refresher at a time. */
    State lockState() {
        return (State) em.createNativeQuery("select last_seq, built from report_rollup_state where id = 1 for update")
                .unwrap(NativeQuery.class).setTupleTransformer((r, aliases) -> new State(n(r[0]), bool(r[1]))).getSingleResult();
    }

    Feed feed() {
        return (Feed) em.createNativeQuery("select last_seq, purged_through from event_sequencer where id = 1")
                .unwrap(NativeQuery.class).setTupleTransformer((r, aliases) -> new Feed(n(r[0]), n(r[1]))).getSingleResult();
    }

    /**
     * The creation days of the leads with events on the change feed in (last, head]; every day that has
     * leads when {@code incremental} is false (first build, or the feed was purged past {@code last}).
     */
    @SuppressWarnings("unchecked")
    List<LocalDate> changedDays(long last, long head, boolean incremental) {
        String sql = incremental
                ? "select distinct cast(l.created_at as date) from lead_event e "
                + "join lead l on l.id = e.lead_id where e.seq > :last and e.seq <= :head"
                : "select distinct cast(l.created_at as date) from lead l where :last >= 0 and :head >= 0";
        List<Object> days = em.createNativeQuery(sql).setParameter("last", last).setParameter("head", head).getResultList();
        return days.stream().map(RollupRepository::toDate).toList();
    }

    void deleteAll() {
        for (String table : TABLES) {
            em.createNativeQuery("delete from " + table).executeUpdate();
        }
        em.createNativeQuery("delete from " + RollupTargets.SNAPSHOT).executeUpdate();
    }

    /**
     * Replaces the aggregates of the days [first, end), and the snapshots of their leads, with what those leads add
     * up to now: one grouped query per aggregate over the days' new snapshots.
     */
    void recompute(LocalDate first, LocalDate end) {
        for (String table : TABLES) {
            em.createNativeQuery("delete from " + table + " where" + DAYS).setParameter("first", first).setParameter("end", end).executeUpdate();
        }
        Instant a = ReportRollup.start(first);
        Instant b = ReportRollup.start(end);
        window(em.createNativeQuery("delete from " + RollupTargets.SNAPSHOT + " where created_at >= :a and created_at < :b"), a, b).executeUpdate();
        window(em.createNativeQuery("insert into " + RollupTargets.SNAPSHOT + " (" + RollupTargets.SNAPSHOT_COLUMNS + ") select "
                + RollupTargets.SNAPSHOT_COLUMNS + " from lead l where " + WINDOW), a, b).executeUpdate();
        for (RollupTargets.Target t : RollupTargets.ALL) {
            window(em.createNativeQuery("insert into " + t.table() + " (" + t.insertColumns() + ") "
                    + t.select().over(RollupTargets.SNAPSHOT, WINDOW)), a, b).executeUpdate();
        }
    }

    /** The leads with events on the change feed in (last, upTo]. */
    @SuppressWarnings("unchecked")
    List<String> changedLeads(long last, long upTo) {
        return em.createNativeQuery("select distinct e.lead_id from lead_event e "
                        + "where e.seq > :last and e.seq <= :upTo and e.lead_id is not null")
                .setParameter("last", last).setParameter("upTo", upTo).getResultList();
    }

    void markRefreshed(long head) {
        em.createNativeQuery("update report_rollup_state set last_seq = :head, built = true where id = 1")
                .setParameter("head", head).executeUpdate();
    }

    /** The rows of a native query, each mapped to its record by {@code row} as Hibernate reads it. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Query query, TupleTransformer<T> row) {
        return query.unwrap(NativeQuery.class).setTupleTransformer(row).getResultList();
    }

    private static Query days(Query q, String dim, LocalDate first, LocalDate end) {
        return q.setParameter("dim", dim).setParameter("first", first).setParameter("end", end);
    }

    private static Query window(Query q, Instant a, Instant b) {
        return q.setParameter("a", a).setParameter("b", b);
    }

    private static String present(String column) {
        return "sum(case when l." + column + " is not null then 1 else 0 end)";
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof Number num && num.intValue() != 0;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof Date d) {
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

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }
}
