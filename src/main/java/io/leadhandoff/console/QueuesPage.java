package io.leadhandoff.console;

import io.leadhandoff.report.CallerReports;
import io.leadhandoff.report.ReportViews;
import io.leadhandoff.routing.RoutingViews;
import io.leadhandoff.schedule.ScheduleService;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The queues page: live waiting leads, the API's SLA report per queue, and each rep's load against capacity. */
@ApplicationScoped
public class QueuesPage {

    public record View(String fromDate, String toDate, String apiPath, String csvHref, Chart.Bars chart, List<QueueRow> queues,
                       boolean repsShown, Chart.Bars repChart, List<RepRow> reps, Map<String, Sortable.Header> queueHeaders,
                       Map<String, Sortable.Header> repHeaders) {
    }

    /** A queue's row; {@code alert} says in words when it breached its SLA in the period (shown with colour, never by colour alone). */
    public record QueueRow(String queueId, String slaTarget, String alert, String waitingHref, String routedHref, String waiting, String oldestWait, String routed, String breaches, String breachRate,
                           String leaseExpiries, String medianToClaim, String p90ToClaim, String hours, String medianBusinessToClaim,
                           String p90BusinessToClaim, Numbers numbers) {
    }

    /** A queue row's numbers as numbers, for sorting (null: none). */
    record Numbers(long waiting, Long oldestWaitSeconds, long routed, long breaches, Double breachRate, long leaseExpiries,
                   Double medianToClaim, Double p90ToClaim, Double medianBusinessToClaim, Double p90BusinessToClaim, Integer slaMinutes) {
    }

    /** The queues table's sortable columns ({@code sort}). */
    static final Sortable<QueueRow> QUEUE_COLUMNS = new Sortable<QueueRow>()
            .column("queue", "Queue", QueueRow::queueId)
            .column("slaTarget", "SLA target", (QueueRow q) -> q.numbers().slaMinutes())
            .column("waiting", "Waiting", (QueueRow q) -> q.numbers().waiting())
            .column("oldestWait", "Oldest wait", (QueueRow q) -> q.numbers().oldestWaitSeconds())
            .column("routed", "Routed", (QueueRow q) -> q.numbers().routed())
            .column("breaches", "SLA breaches", (QueueRow q) -> q.numbers().breaches())
            .column("breachRate", "Breach rate", (QueueRow q) -> q.numbers().breachRate())
            .column("leaseExpiries", "Lease expiries", (QueueRow q) -> q.numbers().leaseExpiries())
            .column("medianToClaim", "Median to claim", (QueueRow q) -> q.numbers().medianToClaim())
            .column("p90ToClaim", "p90 to claim", (QueueRow q) -> q.numbers().p90ToClaim())
            .column("medianBusinessToClaim", "Median to claim, business time", (QueueRow q) -> q.numbers().medianBusinessToClaim())
            .column("p90BusinessToClaim", "p90 to claim, business time", (QueueRow q) -> q.numbers().p90BusinessToClaim());

    /** The reps table's sortable columns ({@code repSort}); by default the most loaded first. */
    static final Sortable<RepRow> REP_COLUMNS = new Sortable<RepRow>()
            .column("queue", "Queue", RepRow::queueId)
            .column("rep", "Rep", RepRow::repId)
            .column("status", "Status", RepRow::status)
            .column("openLeads", "Open leads", RepRow::open)
            .column("limit", "Limit", RepRow::limit)
            .column("load", "Load", (RepRow r) -> r.share() < 0 ? null : r.share())
            .column("assignedToday", "Assigned today", RepRow::assigned)
            .column("breaches", "SLA breaches", RepRow::breachCount)
            .column("leaseExpiries", "Lease expiries", RepRow::expiryCount);

    /** A rep's row; {@code alert} says "over capacity" or "at capacity" in words. */
    public record RepRow(String queueId, String repId, String status, String openLeads, String maxOpen, String load,
                         String assignedToday, String breaches, String leaseExpiries, String alert, double share,
                         long open, Integer limit, long assigned, long breachCount, long expiryCount) {
    }

    /** The SLA report's rep id for a queue's own row, and how the reps table names it. */
    static final String QUEUE_ROW = "queue";
    static final String NO_REP = "no rep (waiting in the queue)";

    private final CallerReports reports;
    private final WaitingLeads waiting;
    private final Roster roster;
    private final Clock clock;
    private final ScheduleService schedules;

    public QueuesPage(CallerReports reports, WaitingLeads waiting, Roster roster, Clock clock, ScheduleService schedules) {
        this.schedules = schedules;
        this.reports = reports;
        this.waiting = waiting;
        this.roster = roster;
        this.clock = clock;
    }

    /** The API's SLA report for this caller (a queue-limited key: its queues' rows). */
    public ReportViews.SlaReport report(Caller caller, Period period) {
        return reports.sla(caller, period.from(), period.to());
    }

    public View build(Caller caller, Period period) {
        return build(caller, period, null, null);
    }

    /** {@code sort} orders the queues (default by id), {@code repSort} the reps (default the most loaded first). */
    public View build(Caller caller, Period period, String sort, String repSort) {
        java.util.Comparator<QueueRow> queueOrder = QUEUE_COLUMNS.order("sort", sort);
        java.util.Comparator<RepRow> repOrder = REP_COLUMNS.order("repSort", repSort);
        Instant now = clock.instant();
        ReportViews.SlaReport sla = report(caller, period);
        Map<String, ReportViews.SlaQueueRow> slaByQueue = sla.queues().stream()
                .collect(Collectors.toMap(ReportViews.SlaQueueRow::queueId, Function.identity()));
        List<RoutingViews.QueueView> known = roster.queues(caller);
        Map<String, WaitingLeads.Waiting> waitingByQueue = waiting.of(known).stream()
                .collect(Collectors.toMap(WaitingLeads.Waiting::queueId, Function.identity()));
        TreeSet<String> ids = new TreeSet<>(slaByQueue.keySet());
        ids.addAll(waitingByQueue.keySet());
        known.forEach(q -> ids.add(q.id()));
        List<QueueRow> rows = new ArrayList<>();
        List<Charts.BarInput> bars = new ArrayList<>();
        Map<String, String> scheduleOf = new HashMap<>();
        known.forEach(q -> scheduleOf.put(q.id(), q.scheduleId()));
        Map<String, Integer> slaOf = new HashMap<>();
        known.forEach(q -> slaOf.put(q.id(), q.slaMinutes()));
        for (String id : ids) {
            ReportViews.SlaQueueRow s = slaByQueue.get(id);
            String scheduleId = scheduleOf.get(id);
            String hours = scheduleId == null ? "open around the clock" : schedules.hours(scheduleId, now).text();
            WaitingLeads.Waiting w = waitingByQueue.get(id);
            Integer target = slaOf.get(id);
            String alert = s != null && s.breaches() > 0 ? "SLA breached " + Fmt.count(s.breaches()) + (s.breaches() == 1 ? " time" : " times") : null;
            rows.add(new QueueRow(id, target == null ? "none" : Fmt.duration(target * 60.0) + " to claim", alert, LeadListPage.href("queue", id, "status", "queued"),
                    LeadListPage.href("queue", id, "outcome", "routed", "from", period.from().toString(), "to", period.to().toString()), w == null ? Fmt.count(0) : w.countText(), w == null ? Fmt.NONE : w.oldestWaitText(now),
                    Fmt.count(s == null ? 0 : s.routed()), Fmt.count(s == null ? 0 : s.breaches()), Fmt.percent(s == null ? null : s.breachRate()),
                    Fmt.count(s == null ? 0 : s.leaseExpiries()), Fmt.duration(s == null ? null : s.medianSecondsToClaim()),
                    Fmt.duration(s == null ? null : s.p90SecondsToClaim()), hours, Fmt.duration(seconds(s == null ? null : s.medianBusinessMinutesToClaim())),
                    Fmt.duration(seconds(s == null ? null : s.p90BusinessMinutesToClaim())),
                    new Numbers(w == null ? 0 : w.count(), w == null || w.capped() || w.oldestQueuedAt() == null ? null
                            : java.time.Duration.between(w.oldestQueuedAt(), now).toSeconds(),
                            s == null ? 0 : s.routed(), s == null ? 0 : s.breaches(), s == null ? null : s.breachRate(),
                            s == null ? 0 : s.leaseExpiries(), s == null ? null : s.medianSecondsToClaim(), s == null ? null : s.p90SecondsToClaim(),
                            seconds(s == null ? null : s.medianBusinessMinutesToClaim()), seconds(s == null ? null : s.p90BusinessMinutesToClaim()),
                            target)));
            if (s != null && s.breachRate() != null) {
                bars.add(new Charts.BarInput(id, s.breachRate(), Fmt.percent(s.breachRate()) + " of " + Fmt.count(s.routed())));
            }
        }
        boolean repsShown = caller.has(Scope.WORK);
        List<RepRow> reps = new ArrayList<>();
        List<Charts.BarInput> load = new ArrayList<>();
        if (repsShown) {
            Map<String, ReportViews.SlaRepRow> slaByRep = new HashMap<>();
            sla.reps().forEach(r -> slaByRep.put(r.queueId() + "/" + r.repId(), r));
            for (RoutingViews.QueueView q : known) {
                List<RoutingViews.MemberView> members = roster.members(q.id());
                for (RoutingViews.MemberView m : members) {
                    ReportViews.SlaRepRow r = slaByRep.get(q.id() + "/" + m.repId());
                    Double share = m.maxOpen() == null || m.maxOpen() == 0 ? null : (double) m.openLeads() / m.maxOpen();
                    reps.add(new RepRow(q.id(), m.repId(), m.status().wire(), Fmt.count(m.openLeads()),
                            m.maxOpen() == null ? "no limit" : Fmt.count(m.maxOpen()), Fmt.percent(share), Fmt.count(m.assignedToday()),
                            Fmt.count(r == null ? 0 : r.breaches()), Fmt.count(r == null ? 0 : r.leaseExpiries()),
                            share == null ? null : share > 1 ? "over capacity" : share == 1 ? "at capacity" : null, share == null ? -1 : share,
                            m.openLeads(), m.maxOpen(), m.assignedToday(), r == null ? 0 : r.breaches(), r == null ? 0 : r.leaseExpiries()));
                    if (share != null) {
                        load.add(new Charts.BarInput(m.repId() + " · " + q.id(), share, Fmt.count(m.openLeads()) + " of " + Fmt.count(m.maxOpen())));
                    }
                }
                // the SLA report's row of the queue itself (repId "queue"): breaches of leads that waited with no rep assigned
                ReportViews.SlaRepRow own = slaByRep.get(q.id() + "/" + QUEUE_ROW);
                if (own != null && members.stream().noneMatch(m -> m.repId().equals(QUEUE_ROW))) {
                    reps.add(new RepRow(q.id(), NO_REP, Fmt.NONE, Fmt.NONE, Fmt.NONE, Fmt.NONE, Fmt.NONE, Fmt.count(own.breaches()),
                            Fmt.count(own.leaseExpiries()), null, -1, 0, null, 0, own.breaches(), own.leaseExpiries()));
                }
            }
        }
        // the most loaded reps first: who is over capacity reads at the top
        reps.sort(java.util.Comparator.comparingDouble(RepRow::share).reversed().thenComparing(RepRow::repId));
        String base = "/console/queues?" + period.query();
        return new View(period.fromDate(), period.toDate(), "/api/v1/reports/sla?" + period.query(), "/console/sla.csv?" + period.query(),
                Charts.bars("SLA breach rate by queue", bars, Charts.PERCENT_TICKS), Sortable.sorted(rows, queueOrder), repsShown,
                Charts.bars("Open leads against each rep's limit", load, Charts.PERCENT_TICKS), Sortable.sorted(reps, repOrder),
                QUEUE_COLUMNS.headers(base + (repSort == null || repSort.isBlank() ? "" : "&repSort=" + LeadListPage.enc(repSort)) + "&sort=", sort),
                REP_COLUMNS.headers(base + (sort == null || sort.isBlank() ? "" : "&sort=" + LeadListPage.enc(sort)) + "&repSort=", repSort));
    }

    private static Double seconds(Double minutes) {
        return minutes == null ? null : minutes * 60;
    }
}
