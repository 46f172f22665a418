package io.leadhandoff.report;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.scoring.ScoringService;
import io.leadhandoff.scoring.TrainingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lead-quality reports, computed in SQL (GROUP BY for counts, window functions for medians and
 * percentiles, nearest-rank method) over leads received in [from, to). Portable across MySQL 8,
 * MariaDB 10.6+ and H2.
 */
@ApplicationScoped
public class ReportService {

    /** The same labels as training: 1 good lead, 0 bad lead, null excluded. */
    static final String LABEL = TrainingService.LABEL;
    static final String LABEL_JOIN = TrainingService.LABEL_JOIN;

    private static final Map<String, String> GROUPS = Map.of(
            "source", "coalesce(l.source, '(none)')",
            "campaign", "coalesce(l.campaign, '(none)')",
            "queue", "coalesce(l.queue_id, '(none)')",
            "rep", "coalesce(l.feedback_rep_id, l.owner_rep_id, '(none)')",
            "scoreBand", "coalesce(l.score_total - mod(l.score_total, 10), -1)");
    private static final String WINDOW = " l.created_at >= :from and l.created_at < :to ";

    private final EntityManager em;
    private final ScoringService scoring;
    private final Clock clock;
    private final AuditService audit;

    public ReportService(EntityManager em, ScoringService scoring, Clock clock, AuditService audit) {
        this.audit = audit;
        this.em = em;
        this.scoring = scoring;
        this.clock = clock;
    }

    @Transactional
    public ReportViews.QualityReport leadQuality(String groupBy, Instant from, Instant to) {
        String group = GROUPS.get(groupBy);
        if (group == null) {
            throw ProblemException.invalidParameter("groupBy", "must be one of source, campaign, queue, rep, scoreBand");
        }
        List<Object[]> rows = query("select " + group + " as grp, count(*), "
                + "sum(case when l.status = 'DISQUALIFIED' then 1 else 0 end), "
                + "sum(case when l.routed_at is not null and l.queue_id is not null then 1 else 0 end), "
                + count("accepted_at") + ", " + count("rejected_at") + ", " + count("recycled_at") + ", "
                + count("converted_at") + ", " + count("won_at") + ", " + count("lost_at") + ", "
                + "sum(case when l.sla_breaches > 0 then 1 else 0 end) "
                + "from lead l where " + WINDOW + " group by " + group + " order by " + group, from, to);
        Map<String, Double> toClaim = percentile(group, "l.created_at", "l.first_claimed_at", 0.5, from, to);
        Map<String, Double> toFeedback = percentile(group, "l.created_at", "l.first_feedback_at", 0.5, from, to);
        Map<String, List<ReportViews.ReasonCount>> reasons = topReasons(group, from, to);
        Map<String, BigDecimal> spend = "campaign".equals(groupBy) ? spend(from, to) : Map.of();
        List<ReportViews.QualityRow> out = new ArrayList<>();
        for (Object[] r : rows) {
            String key = String.valueOf(r[0]);
            String label = "scoreBand".equals(groupBy) ? band(((Number) r[0]).intValue()) : key;
            long received = n(r[1]);
            long routed = n(r[3]);
            long accepted = n(r[4]);
            long rejected = n(r[5]);
            long converted = n(r[7]);
            long won = n(r[8]);
            long lost = n(r[9]);
            BigDecimal cost = spend.get(key);
            out.add(new ReportViews.QualityRow(label, received, n(r[2]), routed, accepted, rejected, n(r[6]), converted, won, lost,
                    rate(accepted, accepted + rejected), rate(converted, accepted), rate(won, won + lost),
                    toClaim.get(key), toFeedback.get(key), rate(n(r[10]), routed), reasons.getOrDefault(key, List.of()),
                    cost, per(cost, received), per(cost, accepted), per(cost, won)));
        }
        return new ReportViews.QualityReport(groupBy, from, to, out);
    }

    @Transactional
    public ReportViews.FunnelReport funnel(Instant from, Instant to) {
        Object[] r = (Object[]) param(em.createNativeQuery("select count(*), " + count("accepted_at") + ", " + count("converted_at") + ", "
                + count("won_at") + ", sum(case when l.won_at is not null then l.deal_amount else 0 end) from lead l where " + WINDOW), from, to)
                .getSingleResult();
        long received = n(r[0]);
        long accepted = n(r[1]);
        long converted = n(r[2]);
        long won = n(r[3]);
        BigDecimal revenue = r[4] == null ? BigDecimal.ZERO : new BigDecimal(r[4].toString()).setScale(2, RoundingMode.HALF_UP);
        String all = "'all'";
        List<ReportViews.FunnelStep> steps = List.of(
                new ReportViews.FunnelStep("received", received, null, null),
                new ReportViews.FunnelStep("accepted", accepted, rate(accepted, received),
                        percentile(all, "l.created_at", "l.accepted_at", 0.5, from, to).get("all")),
                new ReportViews.FunnelStep("converted", converted, rate(converted, accepted),
                        percentile(all, "l.accepted_at", "l.converted_at", 0.5, from, to).get("all")),
                new ReportViews.FunnelStep("won", won, rate(won, converted),
                        percentile(all, "l.converted_at", "l.won_at", 0.5, from, to).get("all")));
        return new ReportViews.FunnelReport(from, to, steps, percentile(all, "l.created_at", "l.won_at", 0.5, from, to).get("all"),
                revenue, per(revenue, won));
    }

    @Transactional
    public ReportViews.SlaReport sla(Instant from, Instant to) {
        String queue = "coalesce(l.queue_id, '(none)')";
        List<Object[]> routed = query("select " + queue + ", count(*), sum(l.sla_breaches) from lead l where " + WINDOW
                + " and l.routed_at is not null and l.queue_id is not null group by " + queue + " order by " + queue, from, to);
        List<Object[]> events = param(em.createNativeQuery("select coalesce(e.queue_id, '(none)'), e.actor, "
                + "sum(case when e.type = 'lead.sla_breached' then 1 else 0 end), sum(case when e.type = 'lead.lease_expired' then 1 else 0 end) "
                + "from lead_event e where e.occurred_at >= :from and e.occurred_at < :to and e.type in ('lead.sla_breached', 'lead.lease_expired') "
                + "group by coalesce(e.queue_id, '(none)'), e.actor order by 1, 2"), from, to).getResultList();
        Map<String, Double> median = percentile(queue, "l.routed_at", "l.first_claimed_at", 0.5, from, to);
        Map<String, Double> p90 = percentile(queue, "l.routed_at", "l.first_claimed_at", 0.9, from, to);
        Map<String, Long> expiries = new HashMap<>();
        List<ReportViews.SlaRepRow> reps = new ArrayList<>();
        for (Object[] e : events) {
            expiries.merge((String) e[0], n(e[3]), Long::sum);
            reps.add(new ReportViews.SlaRepRow((String) e[1], (String) e[0], n(e[2]), n(e[3])));
        }
        List<ReportViews.SlaQueueRow> queues = new ArrayList<>();
        for (Object[] r : routed) {
            String q = (String) r[0];
            queues.add(new ReportViews.SlaQueueRow(q, n(r[1]), n(r[2]), rate(n(r[2]), n(r[1])), expiries.getOrDefault(q, 0L),
                    median.get(q), p90.get(q)));
        }
        return new ReportViews.SlaReport(from, to, queues, reps);
    }

    @Transactional
    public ReportViews.CalibrationReport calibration(Instant from, Instant to) {
        int version = scoring.active().version();
        boolean learned = scoring.active().learned() != null;
        List<Object[]> rows = param(em.createNativeQuery("select l.score_total, l.score_grade, l.acceptance_probability, "
                + LABEL + ", case when l.converted_at is not null then 1 else 0 end from lead l" + LABEL_JOIN
                + "where " + WINDOW + " and l.score_model_version = :version and (" + LABEL + ") is not null"), from, to)
                .setParameter("version", version).getResultList();
        Map<String, long[]> bands = new LinkedHashMap<>();
        Map<String, double[]> bandProbability = new HashMap<>();
        Map<String, long[]> grades = new LinkedHashMap<>();
        Map<String, double[]> gradeProbability = new HashMap<>();
        List<double[]> scored = new ArrayList<>();
        for (Object[] r : rows) {
            int total = ((Number) r[0]).intValue();
            double p = r[2] != null && learned ? ((Number) r[2]).doubleValue() : total / 100.0;
            int label = ((Number) r[3]).intValue();
            int convertedFlag = ((Number) r[4]).intValue();
            String band = band(total - total % 10);
            tally(bands, bandProbability, band, label, convertedFlag, p);
            tally(grades, gradeProbability, String.valueOf(r[1]), label, convertedFlag, p);
            scored.add(new double[] {p, label});
        }
        return new ReportViews.CalibrationReport(version, from, to, rows.size(),
                calibrationRows(bands, bandProbability, Comparator.naturalOrder()),
                calibrationRows(grades, gradeProbability, Comparator.naturalOrder()),
                scored.isEmpty() ? null : Metrics.brier(scored), scored.isEmpty() ? null : Metrics.auc(scored),
                learned ? "learned" : "total/100");
    }

    private static void tally(Map<String, long[]> counts, Map<String, double[]> probability, String key, int label, int converted, double p) {
        long[] c = counts.computeIfAbsent(key, k -> new long[3]);
        c[0]++;
        c[1] += label;
        c[2] += converted;
        probability.computeIfAbsent(key, k -> new double[1])[0] += p;
    }

    private static List<ReportViews.CalibrationRow> calibrationRows(Map<String, long[]> counts, Map<String, double[]> probability,
                                                                    Comparator<String> order) {
        return counts.keySet().stream().sorted(order).map(k -> {
            long[] c = counts.get(k);
            return new ReportViews.CalibrationRow(k, c[0], c[1], c[2], rate(c[1], c[0]), rate(c[2], c[0]), probability.get(k)[0] / c[0]);
        }).toList();
    }

    @Transactional
    public ReportViews.SpendView putSpend(String campaign, ReportViews.SpendRequest request) {
        if (campaign == null || campaign.isBlank() || campaign.length() > 200) {
            throw ProblemException.invalidParameter("campaign", "must be 1 to 200 characters");
        }
        if (request.to().isBefore(request.from())) {
            throw ProblemException.validation(List.of(io.leadhandoff.common.Problem.FieldError.atPointer("/to", "must not be before from")));
        }
        int updated = em.createNativeQuery("update campaign_spend set amount = :amount, currency = :currency, updated_at = :now "
                        + "where campaign = :campaign and period_from = :from and period_to = :to")
                .setParameter("amount", request.amount()).setParameter("currency", request.currency())
                .setParameter("now", clock.instant()).setParameter("campaign", campaign)
                .setParameter("from", request.from()).setParameter("to", request.to()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into campaign_spend (id, campaign, period_from, period_to, amount, currency, updated_at) "
                            + "values (:id, :campaign, :from, :to, :amount, :currency, :now)")
                    .setParameter("id", Ids.next()).setParameter("campaign", campaign)
                    .setParameter("from", request.from()).setParameter("to", request.to())
                    .setParameter("amount", request.amount()).setParameter("currency", request.currency())
                    .setParameter("now", clock.instant()).executeUpdate();
        }
        ReportViews.SpendView spend = new ReportViews.SpendView(campaign, request.from(), request.to(), request.amount(), request.currency());
        audit.record("campaign-spend.recorded", "campaign:" + campaign, null, spend);
        return spend;
    }

    /** Spend of each campaign over periods that overlap the window (whole periods; no pro-rating). */
    private Map<String, BigDecimal> spend(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select campaign, sum(amount) from campaign_spend "
                        + "where period_from < :to and period_to >= :from group by campaign")
                .setParameter("from", LocalDate.ofInstant(from, ZoneOffset.UTC))
                .setParameter("to", LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1)).getResultList();
        Map<String, BigDecimal> spend = new HashMap<>();
        rows.forEach(r -> spend.put((String) r[0], new BigDecimal(r[1].toString())));
        return spend;
    }

    private Map<String, List<ReportViews.ReasonCount>> topReasons(String group, Instant from, Instant to) {
        List<Object[]> rows = query("select " + group + ", l.outcome_reason, count(*) from lead l where " + WINDOW
                + " and l.rejected_at is not null and l.outcome_reason is not null group by " + group + ", l.outcome_reason", from, to);
        Map<String, List<ReportViews.ReasonCount>> byGroup = new HashMap<>();
        for (Object[] r : rows) {
            byGroup.computeIfAbsent(String.valueOf(r[0]), k -> new ArrayList<>()).add(new ReportViews.ReasonCount((String) r[1], n(r[2])));
        }
        byGroup.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingLong(ReportViews.ReasonCount::count).reversed()
                .thenComparing(ReportViews.ReasonCount::reason)).limit(3).toList());
        return byGroup;
    }

    /** The nearest-rank percentile of (end − start) in seconds per group, in SQL with window functions. */
    private Map<String, Double> percentile(String group, String start, String end, double p, Instant from, Instant to) {
        String duration = "timestampdiff(SECOND, " + start + ", " + end + ")";
        List<Object[]> rows = query("select grp, min(d) from (select " + group + " as grp, " + duration + " as d, "
                + "row_number() over (partition by " + group + " order by " + duration + ") as rn, "
                + "count(*) over (partition by " + group + ") as cnt from lead l where " + WINDOW + " and " + start + " is not null and "
                + end + " is not null) x where rn = ceil(" + p + " * cnt) group by grp", from, to);
        Map<String, Double> out = new HashMap<>();
        rows.forEach(r -> out.put(String.valueOf(r[0]), r[1] == null ? null : ((Number) r[1]).doubleValue()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> query(String sql, Instant from, Instant to) {
        return param(em.createNativeQuery(sql), from, to).getResultList();
    }

    private static Query param(Query query, Instant from, Instant to) {
        return query.setParameter("from", from).setParameter("to", to);
    }

    private static String count(String column) {
        return "sum(case when l." + column + " is not null then 1 else 0 end)";
    }

    static String band(int low) {
        if (low < 0) {
            return "(unscored)";
        }
        return low >= 90 ? "90-100" : low + "-" + (low + 9);
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static BigDecimal per(BigDecimal amount, long count) {
        return amount == null || count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
