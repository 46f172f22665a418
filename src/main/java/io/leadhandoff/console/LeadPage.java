package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.lead.HistoryEntry;
import io.leadhandoff.lead.LeadQueries;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.routing.Assigner;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.scoring.Score;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One lead: its facts, timeline, score explanation as waterfalls and routing trace, as the lead API has them. */
@ApplicationScoped
public class LeadPage {

    public record View(String id, List<Fact> facts, LeadView.Cycle cycle, List<Ledger> ledgers, String totalExplanation,
                       String gradeExplanation, List<Fact> learned, List<Trace> trace, String routingSummary, List<Event> timeline,
                       boolean timelineCut) {
    }

    public record Fact(String name, String value) {
    }

    public record Ledger(String dimension, Chart.Waterfall chart, List<LedgerRow> rows, String score) {
    }

    public record LedgerRow(String kind, String what, String points, String reason) {
    }

    public record Trace(String step, String subject, String outcome, String detail, String candidates) {
    }

    public record Event(String at, String type, String actor, String detail) {
    }

    private final LeadQueries leads;

    public LeadPage(LeadQueries leads) {
        this.leads = leads;
    }

    public View build(Caller caller, String id) {
        LeadView lead = leads.get(id, caller);
        Page<HistoryEntry> history = leads.history(id, null, Page.MAX_LIMIT, caller);
        Score score = lead.score();
        List<Ledger> ledgers = score == null || score.explanation() == null ? List.of() : List.of(
                ledger("Fit", score.explanation().fit()), ledger("Engagement", score.explanation().engagement()));
        List<Fact> learned = score == null || score.explanation() == null || score.explanation().learned() == null ? List.of()
                : learned(score.explanation().learned());
        RoutingDecision routing = lead.routing();
        List<Trace> trace = routing == null || routing.trace() == null ? List.of() : routing.trace().stream().map(LeadPage::trace).toList();
        String summary = routing == null ? "Not routed" : routing.outcome() + (routing.queueId() == null ? "" : " to " + routing.queueId())
                + (routing.repId() == null ? "" : ", rep " + routing.repId()) + (routing.via() == null ? "" : ", via " + routing.via())
                + (routing.rulesVersion() == null ? "" : ", rules version " + routing.rulesVersion());
        List<Event> timeline = history.items().stream()
                .map(e -> new Event(Fmt.time(e.at()), e.type(), e.actor() == null ? Fmt.NONE : e.actor(), detail(e.detail()))).toList();
        return new View(lead.id(), facts(lead), lead.cycle(), ledgers,
                score == null || score.explanation() == null ? null : score.explanation().total(),
                score == null || score.explanation() == null ? null : score.explanation().grade(),
                learned, trace, summary, timeline, history.nextCursor() != null);
    }

    private static List<Fact> facts(LeadView l) {
        Score s = l.score();
        String name = ((l.firstName() == null ? "" : l.firstName()) + " " + (l.lastName() == null ? "" : l.lastName())).trim();
        return List.of(new Fact("Status", l.status().toString()), new Fact("Name", name.isEmpty() ? Fmt.NONE : name),
                new Fact("Company", or(l.company())), new Fact("Email", or(l.email())), new Fact("Title", or(l.title())),
                new Fact("Source", or(l.source())), new Fact("Campaign", or(l.campaign())), new Fact("Queue", or(l.queueId())),
                new Fact("Owner", or(l.ownerRepId())),
                new Fact("Score", s == null ? Fmt.NONE : s.total() + " (grade " + s.grade() + ", model " + s.modelVersion() + ")"),
                new Fact("Acceptance probability", s == null ? Fmt.NONE : Fmt.percent(s.acceptanceProbability())),
                new Fact("Received", Fmt.time(l.createdAt())), new Fact("SLA due", Fmt.time(l.slaDueAt())),
                new Fact("SLA breaches", Fmt.count(l.slaBreaches())));
    }

    private static Ledger ledger(String dimension, Score.DimensionLedger ledger) {
        if (ledger == null) {
            return new Ledger(dimension, Charts.waterfall(dimension, List.of(), dimension), List.of(), Fmt.NONE);
        }
        List<Score.Entry> entries = ledger.entries() == null ? List.of() : ledger.entries();
        List<Charts.StepInput> steps = entries.stream().map(e -> new Charts.StepInput(what(e), e.points())).toList();
        List<LedgerRow> rows = entries.stream()
                .map(e -> new LedgerRow(e.kind(), what(e), (e.points() > 0 ? "+" : "") + e.points(), or(e.reason()))).toList();
        return new Ledger(dimension, Charts.waterfall(dimension + ": how the points add up to " + ledger.score(), steps, dimension + " score"),
                rows, String.valueOf(ledger.score()));
    }

    private static String what(Score.Entry e) {
        return e.rule() != null ? e.rule() : e.group() != null ? e.kind() + " " + e.group() : e.kind();
    }

    private static List<Fact> learned(Score.Learned learned) {
        List<Fact> out = new java.util.ArrayList<>();
        out.add(new Fact("intercept", Fmt.decimal(learned.intercept())));
        learned.contributions().forEach(c -> out.add(new Fact(c.feature(), Fmt.decimal(c.weight()))));
        out.add(new Fact("log-odds", Fmt.decimal(learned.logOdds())));
        return out;
    }

    private static Trace trace(RoutingDecision.Step s) {
        String candidates = s.candidates() == null ? "" : s.candidates().stream()
                .map((Assigner.Eligibility c) -> c.repId() + (c.eligible() ? " eligible" : " not eligible") + (c.reason() == null ? "" : " (" + c.reason() + ")"))
                .collect(Collectors.joining("; "));
        return new Trace(s.step(), or(s.subject()), or(s.outcome()), s.detail() == null ? "" : s.detail(), candidates);
    }

    private static String detail(Map<String, Object> detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        return detail.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String or(String value) {
        return value == null || value.isEmpty() ? Fmt.NONE : value;
    }
}
