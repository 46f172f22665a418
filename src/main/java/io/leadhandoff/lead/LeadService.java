package io.leadhandoff.lead;

import io.leadhandoff.common.Ids;
import io.leadhandoff.condition.Facts;
import io.leadhandoff.routing.Router;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.routing.QueueService;
import io.leadhandoff.routing.RoutingService;
import io.leadhandoff.routing.RuleSetService;
import io.leadhandoff.scoring.ChallengerService;
import io.leadhandoff.scoring.CompiledModel;
import io.leadhandoff.scoring.Score;
import io.leadhandoff.scoring.Scorer;
import io.leadhandoff.scoring.ScoringService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lead intake: each post creates, updates or merges into a lead, which is then scored and routed. Intake de-duplicates in two ways: a repeat of (source, externalId) updates
 * that lead; a new post whose email matches an open lead is merged into it as a touch. Both are
 * enforced by unique keys, so concurrent posts on any number of replicas cannot create duplicates.
 */
@ApplicationScoped
public class LeadService {

    private final LeadRepository leads;
    private final LeadCycles cycles;
    private final LeadHistory history;
    private final ScoringService scoring;
    private final ChallengerService challengers;
    private final RoutingService routing;
    private final RuleSetService ruleSets;
    private final QueueService queues;
    private final IntakeMetrics metrics;
    private final LeadViews leadViews;
    private final LeadJson json;
    private final EntityManager em;
    private final Clock clock;

    public LeadService(LeadRepository leads, LeadCycles cycles, LeadHistory history, ScoringService scoring, ChallengerService challengers,
                       RoutingService routing, RuleSetService ruleSets, QueueService queues, IntakeMetrics metrics, LeadViews leadViews,
                       LeadJson json, EntityManager em, Clock clock) {
        this.leads = leads;
        this.cycles = cycles;
        this.history = history;
        this.scoring = scoring;
        this.challengers = challengers;
        this.routing = routing;
        this.ruleSets = ruleSets;
        this.queues = queues;
        this.metrics = metrics;
        this.leadViews = leadViews;
        this.json = json;
        this.em = em;
        this.clock = clock;
    }

    /**
     * What intake did with one lead: the entity, and — when asked for — its view as of this lead's
     * turn (a later lead of the same batch may merge into the same entity). A batch answers with the
     * id and status only, so it does not ask.
     */
    public record Ingested(IntakeResult.Outcome outcome, Lead lead, LeadView view) {
    }

    /** Ingests leads in the caller's transaction, in order; later items see earlier ones. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Ingested> ingest(List<NormalizedLead> batch) {
        return ingest(batch, false);
    }

    /** {@link #ingest(List)}, with each lead's view taken right after its turn when {@code views}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Ingested> ingest(List<NormalizedLead> batch, boolean views) {
        Instant now = clock.instant();
        ScoringService.Models models = scoring.models();
        CompiledModel model = models.active();
        CompiledModel challenger = models.challenger();
        Router.CompiledRuleSet rules = ruleSets.activeRules();
        Map<String, Lead> byEmail = leads.findOpenByEmails(batch.stream().map(NormalizedLead::email)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(l -> l.openEmail(), l -> l, (a, b) -> a, HashMap::new));
        Set<String> sources = batch.stream().filter(l -> l.externalId() != null && l.source() != null)
                .map(NormalizedLead::source).collect(Collectors.toSet());
        Set<String> externalIds = batch.stream().filter(l -> l.externalId() != null && l.source() != null)
                .map(NormalizedLead::externalId).collect(Collectors.toSet());
        Map<String, Lead> byExternal = new HashMap<>(leads.findByIdentities(sources, externalIds));

        Map<String, Lead> closedByEmail = null; // looked up once, when the first lead of the batch is new
        LeadHistory.Pending events = history.pending();
        List<Ingested> results = new ArrayList<>(batch.size());
        for (NormalizedLead in : batch) {
            String key = in.externalId() != null && in.source() != null ? LeadRepository.identityKey(in.source(), in.externalId()) : null;
            Lead byId = key == null ? null : byExternal.get(key);
            if (byId != null && byId.status().isOpen()) {
                update(byId, in, now, byEmail, events);
                score(byId, model, challenger, false, now, events);
                route(byId, rules, now, events);
                results.add(new Ingested(IntakeResult.Outcome.UPDATED, byId, views ? leadViews.view(byId) : null));
                continue;
            }
            // a tool's contact whose lead is closed (won, lost, rejected, recycled) is back: a new cycle
            Lead closed = byId;
            Lead match = byEmail.get(in.email());
            if (match != null) {
                merge(match, in, now, events);
                if (key != null) {
                    // the first touch keeps the lead's source and external id; the tool's identity is added
                    if (closed != null) {
                        cycles.moveIdentity(in, closed, match);
                    } else {
                        leads.addIdentity(match, in.source(), in.externalId(), now);
                    }
                    byExternal.put(key, match);
                }
                score(match, model, challenger, false, now, events);
                route(match, rules, now, events);
                results.add(new Ingested(IntakeResult.Outcome.MERGED, match, views ? leadViews.view(match) : null));
                continue;
            }
            Lead previous = closed;
            if (previous == null) {
                if (closedByEmail == null) {
                    closedByEmail = cycles.latestClosed(batch, byEmail);
                }
                previous = closedByEmail.remove(in.email());
            }
            Lead created = LeadMerge.newLead(Ids.next(), in, json.write(in.attributes()), now);
            if (previous != null) {
                cycles.start(previous, created, now, byExternal, events);
            }
            Map<String, Object> detail = touch(in);
            if (previous != null) {
                detail.put("previousLeadId", previous.id());
                detail.put("cycle", created.cycle());
            }
            events.record(created, "lead.created", now, actor(in), detail);
            score(created, model, challenger, true, now, events);
            route(created, rules, now, events);
            // persisted once scored and routed: Hibernate keeps the state an entity had when persisted
            // for its insert, so persisting first would add an update of the whole row
            leads.persist(created);
            byEmail.put(created.email(), created);
            if (key != null) {
                if (closed == null) {
                    leads.addIdentity(created, in.source(), in.externalId(), now);
                }
                byExternal.put(key, created);
            }
            results.add(new Ingested(IntakeResult.Outcome.CREATED, created, views ? leadViews.view(created) : null));
        }
        events.write();
        em.flush();
        for (int i = 0; i < batch.size(); i++) {
            metrics.received(batch.get(i).source(), results.get(i).outcome());
        }
        return results;
    }

    /**
     * Scores (or re-scores, after a touch) a lead with the active model and records the change. A
     * received lead becomes scored; a lead further down the lifecycle keeps its status. A challenger
     * model scores it too, kept aside for the comparison.
     */
    private void score(Lead lead, CompiledModel model, CompiledModel challenger, boolean newLead, Instant now, LeadHistory.Pending events) {
        Facts facts = LeadFacts.of(lead, json.map(lead.attributesJson()), now);
        Score score = Scorer.score(model, facts, lead.lastActivityAt(), now);
        if (challenger != null && challenger.version() != model.version()) {
            // the challenger sees the same facts as the champion and acts on nothing
            challengers.record(lead.id(), Scorer.score(challenger, facts, lead.lastActivityAt(), now), newLead);
        }
        if (lead.score(score, json.write(score), now)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("modelVersion", score.modelVersion());
            detail.put("fit", score.fit());
            detail.put("engagement", score.engagement());
            detail.put("total", score.total());
            detail.put("grade", score.grade());
            events.record(lead, "lead.scored", now, "scoring", detail);
        }
    }

    /**
     * Routes a scored lead (or a disqualified one whose new touch may lift it over the minimum). Leads
     * already with sales keep their queue and rep: a new touch does not take a lead away from a rep.
     */
    private void route(Lead lead, Router.CompiledRuleSet rules, Instant now, LeadHistory.Pending events) {
        if (lead.status() != LeadStatus.SCORED && lead.status() != LeadStatus.DISQUALIFIED) {
            return;
        }
        Map<String, Object> attributes = json.map(lead.attributesJson());
        Router.Outcome outcome = routing.route(rules, LeadFacts.of(lead, attributes, now), lead.scoreTotal(), lead.accountQuery(), lead.id());
        RoutingDecision decision = outcome.decision();
        boolean disqualified = "disqualified".equals(decision.outcome());
        if (disqualified && lead.status() == LeadStatus.DISQUALIFIED) {
            return;
        }
        Instant slaDueAt = disqualified ? null : queues.slaDueAt(decision.queueId(), now);
        events.record(lead, lead.route(decision, json.write(decision), slaDueAt, now), now);
        metrics.routed(disqualified ? null : lead.queueId(), disqualified ? "disqualified" : decision.via(), decision.rule());
    }

    /** A touch: the post goes into the open lead of the same email (see {@link LeadMerge#touch}). */
    private void merge(Lead lead, NormalizedLead in, Instant now, LeadHistory.Pending events) {
        Map<String, Object> attributes = json.map(lead.attributesJson());
        LeadMerge.Merged merged = LeadMerge.touch(lead.profile(), in, attributes);
        lead.merge(merged, json.write(attributes), now);
        Map<String, Object> detail = touch(in);
        detail.put("filledFields", merged.changed());
        events.record(lead, "lead.merged", now, actor(in), detail);
    }

    /**
     * A repeat of (source, externalId): the tool's values win (see {@link LeadMerge#repeat}). The email only moves
     * when no other open lead holds the new address.
     */
    private void update(Lead lead, NormalizedLead in, Instant now, Map<String, Lead> byEmail, LeadHistory.Pending events) {
        String email = lead.email();
        Lead holder = byEmail.get(in.email());
        Map<String, Object> attributes = json.map(lead.attributesJson());
        LeadMerge.Merged merged = LeadMerge.repeat(lead.profile(), in, holder == null || holder == lead, attributes);
        lead.merge(merged, json.write(attributes), now);
        if (!Objects.equals(email, lead.email())) {
            byEmail.remove(email);
            byEmail.put(lead.email(), lead);
        }
        Map<String, Object> detail = touch(in);
        detail.put("changedFields", merged.changed());
        events.record(lead, "lead.updated", now, actor(in), detail);
    }

    private static Map<String, Object> touch(NormalizedLead in) {
        Map<String, Object> detail = new LinkedHashMap<>();
        putIfPresent(detail, "source", in.source());
        putIfPresent(detail, "externalId", in.externalId());
        putIfPresent(detail, "campaign", in.campaign());
        putIfPresent(detail, "utmSource", in.utmSource());
        putIfPresent(detail, "utmMedium", in.utmMedium());
        putIfPresent(detail, "utmCampaign", in.utmCampaign());
        return detail;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String actor(NormalizedLead in) {
        return in.source() == null ? "api" : in.source();
    }
}
