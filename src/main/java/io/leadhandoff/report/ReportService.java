package io.leadhandoff.report;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.write.Reads;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.scoring.CompiledModel;
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
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;

/**
 * Lead-quality reports over leads received in [from, to): lead-quality, funnel and SLA add up the
 * per-day aggregates of {@link ReportRollup}; calibration reads the active model's labelled leads.
 * Portable across MySQL 8, MariaDB 10.6+ and H2.
 */
@ApplicationScoped
public class ReportService {

    /** The same labels as training: 1 good lead, 0 bad lead, null excluded. */
    static final String LABEL = TrainingService.LABEL;
    /** The counting rule (README, Reports): a lead counts as accepted when its final verdict is, not when it once was. */
    static final String FINAL_ACCEPTED = TrainingService.FINAL_ACCEPTED;
    static final String LABEL_JOIN = TrainingService.LABEL_JOIN;

    private static final java.util.Set<String> GROUP_BY = java.util.Set.of("source", "campaign", "queue", "rep", "scoreBand", "accountMatch");
    private static final String WINDOW = " l.created_at >= :from and l.created_at < :to ";

    private final EntityManager em;
    private final ScoringService scoring;
    private final Clock clock;
    private final AuditService audit;
    private final ReportRollup rollup;
    private final BusinessMinutes businessMinutes;
    private final Reads reads;

    public ReportService(EntityManager em, ScoringService scoring, Clock clock, AuditService audit, ReportRollup rollup,
                         BusinessMinutes businessMinutes, Reads reads) {
        this.reads = reads;
        this.businessMinutes = businessMinutes;
        this.audit = audit;
        this.rollup = rollup;
        this.em = em;
        this.scoring = scoring;
        this.clock = clock;
    }

    public ReportViews.QualityReport leadQuality(String groupBy, Instant from, Instant to) {
        return reads.call(() -> {
            if (!GROUP_BY.contains(groupBy)) {
                throw ProblemException.invalidParameter("groupBy", "must be one of source, campaign, queue, rep, scoreBand, accountMatch");
            }
            ReportAggregates agg = rollup.read(groupBy, from, to);
            Map<String, Spend> spend = "campaign".equals(groupBy) || "source".equals(groupBy) ? spend(groupBy, from, to) : Map.of();
            List<String> keys = new ArrayList<>(agg.counts().keySet());
            if ("scoreBand".equals(groupBy)) {
                keys.sort(Comparator.comparingInt(Integer::parseInt));
            }
            // a campaign (a source) that spent in the window but brought no lead still has a row: its spend is counted
            spend.keySet().stream().filter(k -> !agg.counts().containsKey(k)).sorted().forEach(keys::add);
            List<ReportViews.QualityRow> out = new ArrayList<>();
            for (String key : keys) {
                GroupCounts c = agg.counts(key);
                String label = "scoreBand".equals(groupBy) ? band(Integer.parseInt(key)) : key;
                long accepted = c.acceptedFinal();
                Spend paid = spend.get(key);
                BigDecimal cost = paid == null ? null : paid.amount();
                out.add(new ReportViews.QualityRow(label, c.received(), c.disqualified(), c.routed(), accepted, c.rejected(), c.recycled(),
                        c.converted(), c.won(), c.lost(), rate(accepted, accepted + c.rejected()), rate(c.converted(), accepted),
                        rate(c.won(), c.won() + c.lost()), agg.percentile("toClaim", key, 0.5), agg.percentile("toFeedback", key, 0.5),
                        rate(c.breached(), c.routed()), agg.topReasons(key), cost, per(cost, c.received()), per(cost, accepted),
                        per(cost, c.won()), c.laterCycles(), paid == null ? null : paid.currency()));
            }
            return new ReportViews.QualityReport(groupBy, from, to, out);
        });
    }

    public ReportViews.FunnelReport funnel(Instant from, Instant to) {
        return reads.call(() -> {
            ReportAggregates agg = rollup.read("all", from, to);
            GroupCounts c = agg.counts("all");
            long received = c.received();
            long accepted = c.accepted();
            long converted = c.converted();
            long won = c.won();
            BigDecimal revenue = c.wonAmount().setScale(2, RoundingMode.HALF_UP);
            List<ReportViews.FunnelStep> steps = List.of(
                    new ReportViews.FunnelStep("received", received, null, null),
                    new ReportViews.FunnelStep("accepted", accepted, rate(accepted, received), agg.percentile("accept", "all", 0.5)),
                    new ReportViews.FunnelStep("converted", converted, rate(converted, accepted), agg.percentile("convert", "all", 0.5)),
                    new ReportViews.FunnelStep("won", won, rate(won, converted), agg.percentile("win", "all", 0.5)));
            return new ReportViews.FunnelReport(from, to, steps, agg.percentile("cycle", "all", 0.5), revenue, per(revenue, won),
                    c.laterCycles());
        });
    }

    public ReportViews.SlaReport sla(Instant from, Instant to) {
        return reads.call(() -> {
            ReportAggregates agg = rollup.read("queue", from, to);
            @SuppressWarnings("unchecked")
            List<RepEvents> events = param(em.createNativeQuery("select coalesce(e.queue_id, '(none)'), e.actor, "
                    + "sum(case when e.type = 'lead.sla_breached' then 1 else 0 end), sum(case when e.type = 'lead.lease_expired' then 1 else 0 end) "
                    + "from lead_event e where e.type in ('lead.sla_breached', 'lead.lease_expired') and e.occurred_at >= :from and e.occurred_at < :to "
                    + "group by coalesce(e.queue_id, '(none)'), e.actor order by 1, 2"), from, to)
                    .unwrap(NativeQuery.class)
                    .setTupleTransformer((e, aliases) -> new RepEvents((String) e[0], (String) e[1], n(e[2]), n(e[3])))
                    .getResultList();
            Map<String, Long> expiries = new HashMap<>();
            List<ReportViews.SlaRepRow> reps = new ArrayList<>();
            for (RepEvents e : events) {
                expiries.merge(e.queueId(), e.leaseExpiries(), Long::sum);
                reps.add(new ReportViews.SlaRepRow(e.actor(), e.queueId(), e.slaBreaches(), e.leaseExpiries()));
            }
            List<ReportViews.SlaQueueRow> queues = new ArrayList<>();
            Map<String, BusinessMinutes.Figures> scheduled = businessMinutes.of(from, to);
            agg.counts().forEach((q, c) -> {
                if (c.routed() > 0) {
                    BusinessMinutes.Figures f = scheduled.getOrDefault(q, BusinessMinutes.Figures.wallClock(
                            agg.percentile("routeClaim", q, 0.5), agg.percentile("routeClaim", q, 0.9), agg.percentile("toFeedback", q, 0.5)));
                    queues.add(new ReportViews.SlaQueueRow(q, c.routed(), c.breaches(), rate(c.breaches(), c.routed()), expiries.getOrDefault(q, 0L),
                            agg.percentile("routeClaim", q, 0.5), agg.percentile("routeClaim", q, 0.9), f.scheduleId(),
                            f.medianBusinessToClaim(), f.medianWallToClaim(), f.p90BusinessToClaim(), f.p90WallToClaim(),
                            f.medianBusinessToVerdict(), f.medianWallToVerdict()));
                }
            });
            return new ReportViews.SlaReport(from, to, queues, reps);
        });
    }

    public ReportViews.CalibrationReport calibration(Instant from, Instant to) {
        return reads.call(() -> {
            return calibration(from, to, null);
        });
    }

    /** Calibration of the leads model {@code version} scored (null: the active model). */
    public ReportViews.CalibrationReport calibration(Instant from, Instant to, Integer modelVersion) {
        return reads.call(() -> {
            CompiledModel model = modelVersion == null ? scoring.active() : scoring.model(modelVersion);
            int version = model.version();
            boolean learned = model.learned() != null;
            CalibrationSums c = rollup.calibration(version, from, to);
            List<ReportViews.CalibrationRow> bands = new ArrayList<>();
            c.bands().forEach((band, t) -> bands.add(calibrationRow(band(band), t)));
            List<ReportViews.CalibrationRow> grades = new ArrayList<>();
            c.grades().forEach((grade, t) -> grades.add(calibrationRow(grade, t)));
            return new ReportViews.CalibrationReport(version, from, to, c.labelled(), bands, grades, c.brier(), c.auc(),
                    learned ? "learned" : "total/100");
        });
    }

    private static ReportViews.CalibrationRow calibrationRow(String key, CalibrationSums.Tally t) {
        return new ReportViews.CalibrationRow(key, t.n(), t.accepted(), t.converted(), rate(t.accepted(), t.n()),
                rate(t.converted(), t.n()), t.sumP() / t.n());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReportViews.SpendView putSpend(String campaign, ReportViews.SpendRequest request) {
        if (campaign == null || campaign.isBlank() || campaign.length() > 200) {
            throw ProblemException.invalidParameter("campaign", "must be 1 to 200 characters");
        }
        if (request.to().isBefore(request.from())) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/to", "must not be before from")));
        }
        requireSameAsOtherPeriods(campaign, request, "currency", request.currency());
        requireSameAsOtherPeriods(campaign, request, "source", request.source());
        int updated = em.createNativeQuery("update campaign_spend set amount = :amount, currency = :currency, source = :source, "
                        + "updated_at = :now where campaign = :campaign and period_from = :from and period_to = :to")
                .setParameter("amount", request.amount()).setParameter("currency", request.currency()).setParameter("source", request.source())
                .setParameter("now", clock.instant()).setParameter("campaign", campaign)
                .setParameter("from", request.from()).setParameter("to", request.to()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into campaign_spend (id, campaign, period_from, period_to, amount, currency, source, updated_at) "
                            + "values (:id, :campaign, :from, :to, :amount, :currency, :source, :now)")
                    .setParameter("id", Ids.next()).setParameter("campaign", campaign)
                    .setParameter("from", request.from()).setParameter("to", request.to())
                    .setParameter("amount", request.amount()).setParameter("currency", request.currency()).setParameter("source", request.source())
                    .setParameter("now", clock.instant()).executeUpdate();
        }
        ReportViews.SpendView spend = new ReportViews.SpendView(campaign, request.from(), request.to(), request.amount(), request.currency(),
                request.source());
        audit.record("campaign-spend.recorded", "campaign:" + campaign, null, spend);
        return spend;
    }

    /**
     * A campaign's amounts are only ever added up in one currency, and it runs on one source: a period in
     * another currency or for another source than the campaign's other periods is refused.
     */
    private void requireSameAsOtherPeriods(String campaign, ReportViews.SpendRequest request, String column, String value) {
        @SuppressWarnings("unchecked")
        List<Object> others = em.createNativeQuery("select distinct coalesce(" + column + ", '') from campaign_spend where campaign = :campaign "
                        + "and not (period_from = :from and period_to = :to)")
                .setParameter("campaign", campaign).setParameter("from", request.from()).setParameter("to", request.to()).getResultList();
        String mine = value == null ? "" : value;
        for (Object other : others) {
            if (!mine.equals(other.toString())) {
                throw new ProblemException(ProblemType.CONFLICT, "Campaign " + campaign + "'s other spend periods have "
                        + column + " " + (other.toString().isEmpty() ? "(none)" : other) + "; every period of a campaign has the same "
                        + column + (column.equals("currency") ? ", so amounts are never added across currencies" : ""), List.of(), null);
            }
        }
    }

    /** What a campaign or a source cost in a window, in its one currency (amount null when its spend is in several). */
    record Spend(BigDecimal amount, String currency) {
    }

    /** A campaign's spend over a period as stored; {@code currency} empty when none was given. */
    private record SpendRow(String campaign, String source, LocalDate periodFrom, LocalDate periodTo, BigDecimal amount, String currency) {
    }

    /** A rep's SLA breaches and lease expiries in a queue ({@code (none)} for no queue) over a window. */
    private record RepEvents(String queueId, String actor, long slaBreaches, long leaseExpiries) {
    }

    /**
     * Spend by campaign or by source over the window: each period [from, to] (whole UTC days) counts for the
     * share of its time the window covers, so a window of a day gets a day's share of a month's spend.
     */
    private Map<String, Spend> spend(String groupBy, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<SpendRow> rows = em.createNativeQuery("select campaign, source, period_from, period_to, amount, currency from campaign_spend "
                        + "where period_from < :to and period_to >= :from")
                .setParameter("from", LocalDate.ofInstant(from, ZoneOffset.UTC))
                .setParameter("to", LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1))
                .unwrap(NativeQuery.class)
                .setTupleTransformer((r, aliases) -> new SpendRow((String) r[0], (String) r[1], date(r[2]), date(r[3]),
                        new BigDecimal(r[4].toString()), r[5] == null ? "" : r[5].toString()))
                .getResultList();
        Map<String, BigDecimal> amounts = new HashMap<>();
        Map<String, java.util.SortedSet<String>> currencies = new HashMap<>();
        for (SpendRow r : rows) {
            String key = "campaign".equals(groupBy) ? r.campaign() : r.source();
            if (key == null) {
                continue;
            }
            BigDecimal share = prorated(r.amount(), r.periodFrom(), r.periodTo(), from, to);
            amounts.merge(key, share, BigDecimal::add);
            currencies.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(r.currency());
        }
        Map<String, Spend> spend = new HashMap<>();
        amounts.forEach((key, amount) -> {
            java.util.SortedSet<String> in = currencies.get(key);
            String currency = in.size() == 1 && in.first().isEmpty() ? null : String.join(",", in.stream().filter(c -> !c.isEmpty()).toList());
            spend.put(key, new Spend(in.size() == 1 ? amount.setScale(2, RoundingMode.HALF_UP) : null, currency));
        });
        return spend;
    }

    /** {@code amount} × the share of [first day 00:00, last day + 1 00:00) that [from, to) covers. */
    static BigDecimal prorated(BigDecimal amount, LocalDate first, LocalDate last, Instant from, Instant to) {
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long period = java.time.Duration.between(start, end).getSeconds();
        Instant a = from.isAfter(start) ? from : start;
        Instant b = to.isBefore(end) ? to : end;
        long covered = Math.max(0, java.time.Duration.between(a, b).getSeconds());
        return covered >= period ? amount : amount.multiply(BigDecimal.valueOf(covered)).divide(BigDecimal.valueOf(period), 6, RoundingMode.HALF_UP);
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static Query param(Query query, Instant from, Instant to) {
        return query.setParameter("from", from).setParameter("to", to);
    }

    static String band(int low) {
        if (low < 0) {
            return "(unscored)";
        }
        return low >= 90 ? "90-100" : low + "-" + (low + 9);
    }

    private static long n(Object value) {
        return RollupRepository.n(value);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static BigDecimal per(BigDecimal amount, long count) {
        return amount == null || count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
