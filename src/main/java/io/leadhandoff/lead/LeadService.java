package io.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.security.Caller;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.ProblemException;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lead intake and reading. Intake de-duplicates in two ways: a repeat of (source, externalId) updates
 * that lead; a new post whose email matches an open lead is merged into it as a touch. Both are
 * enforced by unique keys, so concurrent posts on any number of replicas cannot create duplicates.
 */
@ApplicationScoped
public class LeadService {

    private final LeadRepository leads;
    private final LeadEventRepository events;
    private final LeadHistory history;
    private final ScoringService scoring;
    private final ChallengerService challengers;
    private final RoutingService routing;
    private final RuleSetService ruleSets;
    private final QueueService queues;
    private final IntakeMetrics metrics;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;

    public LeadService(LeadRepository leads, LeadEventRepository events, LeadHistory history, ScoringService scoring,
                       ChallengerService challengers, RoutingService routing, RuleSetService ruleSets, QueueService queues,
                       IntakeMetrics metrics, EntityManager em, ObjectMapper mapper, Clock clock) {
        this.challengers = challengers;
        this.routing = routing;
        this.ruleSets = ruleSets;
        this.queues = queues;
        this.metrics = metrics;
        this.leads = leads;
        this.events = events;
        this.history = history;
        this.scoring = scoring;
        this.em = em;
        this.mapper = mapper;
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
        CompiledModel model = scoring.active();
        CompiledModel challenger = challengers.challenger();
        Router.CompiledRuleSet rules = ruleSets.activeRules();
        Map<String, Lead> byEmail = leads.findOpenByEmails(batch.stream().map(NormalizedLead::email)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(l -> l.openEmail, l -> l, (a, b) -> a, HashMap::new));
        Set<String> sources = batch.stream().filter(l -> l.externalId() != null && l.source() != null)
                .map(NormalizedLead::source).collect(Collectors.toSet());
        Set<String> externalIds = batch.stream().filter(l -> l.externalId() != null && l.source() != null)
                .map(NormalizedLead::externalId).collect(Collectors.toSet());
        Map<String, Lead> byExternal = new HashMap<>(leads.findByIdentities(sources, externalIds));

        if (batch.size() > 1) {
            List<String> domains = new ArrayList<>();
            batch.forEach(in -> {
                domains.add(in.domain());
                domains.add(Normalizer.websiteDomain(in.website()));
            });
            routing.prefetchAccounts(domains);
        }
        Map<String, Lead> closedByEmail = null; // looked up once, when the first lead of the batch is new
        List<Ingested> results = new ArrayList<>(batch.size());
        for (NormalizedLead in : batch) {
            String key = in.externalId() != null && in.source() != null ? LeadRepository.identityKey(in.source(), in.externalId()) : null;
            Lead byId = key == null ? null : byExternal.get(key);
            if (byId != null && byId.status.isOpen()) {
                update(byId, in, now, byEmail);
                score(byId, model, challenger, false, now);
                route(byId, rules, now);
                results.add(new Ingested(IntakeResult.Outcome.UPDATED, byId, views ? view(byId) : null));
                continue;
            }
            // a tool's contact whose lead is closed (won, lost, rejected, recycled) is back: a new cycle
            Lead closed = byId;
            Lead match = byEmail.get(in.email());
            if (match != null) {
                merge(match, in, now);
                if (key != null) {
                    // the first touch keeps the lead's source and external id; the tool's identity is added
                    if (closed != null) {
                        moveIdentity(in, closed, match);
                    } else {
                        leads.addIdentity(match, in.source(), in.externalId(), now);
                    }
                    byExternal.put(key, match);
                }
                score(match, model, challenger, false, now);
                route(match, rules, now);
                results.add(new Ingested(IntakeResult.Outcome.MERGED, match, views ? view(match) : null));
                continue;
            }
            Lead previous = closed;
            if (previous == null) {
                if (closedByEmail == null) {
                    closedByEmail = latestClosed(batch, byEmail);
                }
                previous = closedByEmail.remove(in.email());
            }
            Lead created = newLead(in, now);
            if (previous != null) {
                startCycle(previous, created, now, byExternal);
            }
            Map<String, Object> detail = touch(in);
            if (previous != null) {
                detail.put("previousLeadId", previous.id);
                detail.put("cycle", created.cycle);
            }
            history.record(created, "lead.created", now, actor(in), detail);
            score(created, model, challenger, true, now);
            route(created, rules, now);
            // persisted once scored and routed: Hibernate keeps the state an entity had when persisted
            // for its insert, so persisting first would add an update of the whole row
            leads.persist(created);
            byEmail.put(created.email, created);
            if (key != null) {
                if (closed == null) {
                    leads.addIdentity(created, in.source(), in.externalId(), now);
                }
                byExternal.put(key, created);
            }
            results.add(new Ingested(IntakeResult.Outcome.CREATED, created, views ? view(created) : null));
        }
        em.flush();
        for (int i = 0; i < batch.size(); i++) {
            metrics.received(batch.get(i).source(), results.get(i).outcome());
        }
        return results;
    }

    @Transactional
    public LeadView get(String id, Caller caller) {
        Lead lead = find(id);
        caller.requireVisible(lead.queueId, "Lead", id);
        return view(lead);
    }

    @Transactional
    public Page<LeadView> list(LeadRepository.LeadFilter filter, String cursor, int limit) {
        List<Lead> rows = leads.page(filter, Cursor.decode(cursor), limit);
        return Page.of(rows, limit, l -> l.id, this::view);
    }

    @Transactional
    public Page<HistoryEntry> history(String id, String cursor, int limit, Caller caller) {
        caller.requireVisible(find(id).queueId, "Lead", id);
        List<LeadEvent> rows = events.history(id, Cursor.decode(cursor), limit);
        return Page.of(rows, limit, e -> e.id,
                e -> new HistoryEntry(e.id, e.type, e.occurredAt, e.actor, readMap(e.detail)));
    }

    private Lead find(String id) {
        Lead lead = id == null || id.length() > 26 ? null : leads.findById(id);
        if (lead == null) {
            throw ProblemException.notFound("Lead", id);
        }
        return lead;
    }

    /**
     * The newest closed lead of each email in the batch that no open lead holds, locked: the cycle a new post of
     * that person follows. Erased leads have no email, so they are never continued.
     */
    private Map<String, Lead> latestClosed(List<NormalizedLead> batch, Map<String, Lead> byEmail) {
        Set<String> emails = batch.stream().map(NormalizedLead::email)
                .filter(e -> e != null && !byEmail.containsKey(e)).collect(Collectors.toSet());
        if (emails.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, Lead> latest = new HashMap<>();
        leads.lock("select id from lead where email in (:emails) and open_email is null and next_lead_id is null"
                        + " order by id for update", Map.of("emails", emails))
                .forEach(l -> latest.merge(l.email, l, (a, b) -> a.id.compareTo(b.id) >= 0 ? a : b));
        return latest;
    }

    /**
     * Links a new lead to the closed one it follows and records the new cycle on the closed one. Every tool identity
     * of the closed lead moves to the new one, so any of them finds the person's current cycle; the closed lead gives
     * up its external id (the pair is unique among leads), written before the new lead is inserted.
     */
    private void startCycle(Lead previous, Lead next, Instant now, Map<String, Lead> byExternal) {
        next.previousLeadId = previous.id;
        next.cycle = previous.cycle + 1;
        previous.nextLeadId = next.id;
        previous.externalId = null;
        previous.updatedAt = now;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("nextLeadId", next.id);
        detail.put("cycle", next.cycle);
        history.record(previous, "lead.cycle_started", now, "intake", detail);
        em.flush();
        em.createNativeQuery("update lead_identity set lead_id = :next where lead_id = :previous")
                .setParameter("next", next.id).setParameter("previous", previous.id).executeUpdate();
        byExternal.replaceAll((key, lead) -> lead == previous ? next : lead);
    }

    /**
     * Moves a tool identity from a closed lead to the open lead of the same email the post merged into. When the
     * closed lead was created with that identity, it gives up its external id (the pair is unique among leads).
     */
    private void moveIdentity(NormalizedLead in, Lead from, Lead to) {
        LeadIdentity identity = em.find(LeadIdentity.class, new LeadIdentity.Key(in.source(), in.externalId()));
        identity.leadId = to.id;
        if (in.source().equals(from.source) && in.externalId().equals(from.externalId)) {
            from.externalId = null;
            em.flush();
        }
    }

    /** A lead as it would be stored, not yet persisted (also what a scoring preview scores). */
    Lead newLead(NormalizedLead in, Instant now) {
        Lead lead = new Lead();
        lead.id = Ids.next();
        lead.source = in.source();
        lead.externalId = in.source() == null ? null : in.externalId();
        lead.email = in.email();
        lead.emailRaw = in.emailRaw();
        lead.domain = in.domain();
        lead.freeEmail = in.freeEmail();
        lead.firstName = in.firstName();
        lead.lastName = in.lastName();
        lead.company = in.company();
        lead.website = in.website();
        lead.title = in.title();
        lead.phone = in.phone();
        lead.phoneRaw = in.phoneRaw();
        lead.country = in.country();
        lead.countryRaw = in.countryRaw();
        lead.region = in.region();
        lead.city = in.city();
        lead.industry = in.industry();
        lead.employeeCount = in.employeeCount();
        lead.annualRevenue = in.annualRevenue();
        lead.campaign = in.campaign();
        lead.utmSource = in.utmSource();
        lead.utmMedium = in.utmMedium();
        lead.utmCampaign = in.utmCampaign();
        lead.utmTerm = in.utmTerm();
        lead.utmContent = in.utmContent();
        lead.consentMarketing = in.consentMarketing();
        lead.consentAt = in.consentAt();
        lead.formSubmissions = in.formSubmissions();
        lead.pageViews = in.pageViews();
        lead.emailClicks = in.emailClicks();
        lead.webinarsAttended = in.webinarsAttended();
        lead.lastActivityAt = in.lastActivityAt();
        lead.attributes = writeJson(in.attributes());
        lead.touches = 1;
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.moveTo(LeadStatus.RECEIVED);
        return lead;
    }

    /**
     * Scores (or re-scores, after a touch) a lead with the active model and records the change. A
     * received lead becomes scored; a lead further down the lifecycle keeps its status. A challenger
     * model scores it too, kept aside for the comparison.
     */
    private void score(Lead lead, CompiledModel model, CompiledModel challenger, boolean newLead, Instant now) {
        Facts facts = LeadFacts.of(lead, readMap(lead.attributes), now);
        Score score = Scorer.score(model, facts, lead.lastActivityAt, now);
        if (challenger != null && challenger.version() != model.version()) {
            // the challenger sees the same facts as the champion and acts on nothing
            challengers.record(lead.id, Scorer.score(challenger, facts, lead.lastActivityAt, now), newLead);
        }
        boolean changed = lead.scoreTotal == null || lead.scoreTotal != score.total() || lead.scoreFit != score.fit()
                || lead.scoreEngagement != score.engagement() || lead.scoreModelVersion != score.modelVersion();
        takeScore(lead, score);
        lead.scoreExplanation = writeJson(score);
        lead.scoredAt = now;
        if (lead.status == LeadStatus.RECEIVED) {
            lead.moveTo(LeadStatus.SCORED);
        }
        if (changed) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("modelVersion", score.modelVersion());
            detail.put("fit", score.fit());
            detail.put("engagement", score.engagement());
            detail.put("total", score.total());
            detail.put("grade", score.grade());
            history.record(lead, "lead.scored", now, "scoring", detail);
        }
    }

    /**
     * The score's numbers on the lead, where {@link LeadFacts} reads them for routing: live intake and
     * simulation both go through here, so a rule sees the same score facts in both.
     */
    private static void takeScore(Lead lead, Score score) {
        lead.scoreFit = score.fit();
        lead.scoreEngagement = score.engagement();
        lead.scoreTotal = score.total();
        lead.scoreGrade = score.grade();
        lead.scoreModelVersion = score.modelVersion();
        lead.acceptanceProbability = score.acceptanceProbability();
        lead.score = score;
    }

    /**
     * Routes a scored lead (or a disqualified one whose new touch may lift it over the minimum). Leads
     * already with sales keep their queue and rep: a new touch does not take a lead away from a rep.
     */
    private void route(Lead lead, Router.CompiledRuleSet rules, Instant now) {
        if (lead.status != LeadStatus.SCORED && lead.status != LeadStatus.DISQUALIFIED) {
            return;
        }
        Map<String, Object> attributes = readMap(lead.attributes);
        Router.Outcome outcome = routing.route(rules, LeadFacts.of(lead, attributes, now), lead.scoreTotal, domains(lead), lead.id);
        RoutingDecision decision = outcome.decision();
        boolean disqualified = "disqualified".equals(decision.outcome());
        if (disqualified && lead.status == LeadStatus.DISQUALIFIED) {
            return;
        }
        lead.routingExplanation = writeJson(decision);
        lead.routing = decision;
        lead.routedAt = now;
        lead.disqualified = disqualified;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", decision.outcome());
        if (disqualified) {
            lead.moveTo(LeadStatus.DISQUALIFIED);
        } else {
            lead.queueId = decision.queueId();
            lead.ownerRepId = decision.repId();
            lead.queuedAt = now;
            Integer sla = queues.getQueue(decision.queueId()).slaMinutes();
            lead.slaDueAt = sla == null ? null : now.plus(java.time.Duration.ofMinutes(sla));
            lead.moveTo(LeadStatus.QUEUED);
            detail.put("queueId", decision.queueId());
            if (decision.repId() != null) {
                detail.put("repId", decision.repId());
            }
            detail.put("via", decision.via());
            if (decision.rule() != null) {
                detail.put("rule", decision.rule());
            }
        }
        history.record(lead, "lead.routed", now, "routing", detail);
        metrics.routed(disqualified ? null : lead.queueId, disqualified ? "disqualified" : decision.via(), decision.rule());
    }

    /** Scores and routes a lead body with the active or a draft rule set, storing nothing. */
    public RoutingSimulationResource.Simulation simulate(NormalizedLead in, io.leadhandoff.routing.RuleSetDocument draft) {
        Instant now = clock.instant();
        Lead lead = newLead(in, now);
        Score score = Scorer.score(scoring.active(), LeadFacts.of(lead, in.attributes(), now), lead.lastActivityAt, now);
        takeScore(lead, score);
        RoutingDecision decision = routing.simulate(draft, LeadFacts.of(lead, in.attributes(), now), score.total(), domains(lead)).decision();
        return new RoutingSimulationResource.Simulation(score, decision);
    }

    /** The domains an account can match: the email's, and the website's when it differs. */
    private static List<String> domains(Lead lead) {
        List<String> domains = new ArrayList<>();
        domains.add(lead.domain);
        String site = Normalizer.websiteDomain(lead.website);
        if (site != null && !site.equals(lead.domain)) {
            domains.add(site);
        }
        return domains;
    }

    /** Scores a lead body without storing anything. */
    public ScorePreview preview(NormalizedLead in, Integer version) {
        Instant now = clock.instant();
        CompiledModel model = version == null ? scoring.active() : scoring.model(version);
        Lead lead = newLead(in, now);
        Facts facts = LeadFacts.of(lead, in.attributes(), now);
        return new ScorePreview(Scorer.score(model, facts, lead.lastActivityAt, now), facts.asMap());
    }

    /**
     * A new post for an open lead with the same email: a touch. Fields the lead lacks are filled in,
     * nothing it has is overwritten (the first touch keeps its attribution), activity counters add up.
     */
    private void merge(Lead lead, NormalizedLead in, Instant now) {
        List<String> filled = new ArrayList<>();
        fill(filled, "firstName", lead.firstName, in.firstName(), v -> lead.firstName = v);
        fill(filled, "lastName", lead.lastName, in.lastName(), v -> lead.lastName = v);
        fill(filled, "company", lead.company, in.company(), v -> lead.company = v);
        fill(filled, "website", lead.website, in.website(), v -> lead.website = v);
        fill(filled, "title", lead.title, in.title(), v -> lead.title = v);
        if (lead.phone == null && in.phone() != null) {
            takePhone(lead, in);
            filled.add("phone");
        }
        if (lead.country == null && in.country() != null) {
            lead.country = in.country();
            lead.countryRaw = in.countryRaw();
            filled.add("country");
        }
        fill(filled, "region", lead.region, in.region(), v -> lead.region = v);
        fill(filled, "city", lead.city, in.city(), v -> lead.city = v);
        fill(filled, "industry", lead.industry, in.industry(), v -> lead.industry = v);
        fill(filled, "employeeCount", lead.employeeCount, in.employeeCount(), v -> lead.employeeCount = v);
        fill(filled, "annualRevenue", lead.annualRevenue, in.annualRevenue(), v -> lead.annualRevenue = v);
        fill(filled, "campaign", lead.campaign, in.campaign(), v -> lead.campaign = v);
        fill(filled, "consent", lead.consentMarketing, in.consentMarketing(), v -> {
            lead.consentMarketing = v;
            lead.consentAt = in.consentAt();
        });
        Map<String, Object> attributes = readMap(lead.attributes);
        in.attributes().forEach((k, v) -> {
            if (!attributes.containsKey(k) && attributes.size() < 50) {
                attributes.put(k, v);
                filled.add("attributes." + k);
            }
        });
        lead.attributes = writeJson(attributes);
        lead.formSubmissions += in.formSubmissions();
        lead.pageViews += in.pageViews();
        lead.emailClicks += in.emailClicks();
        lead.webinarsAttended += in.webinarsAttended();
        lead.lastActivityAt = latest(lead.lastActivityAt, in.lastActivityAt());
        lead.touches++;
        lead.updatedAt = now;
        Map<String, Object> detail = touch(in);
        detail.put("filledFields", filled);
        history.record(lead, "lead.merged", now, actor(in), detail);
    }

    /** The touch's phone; a national number the touch could not place (it names no country) is read in the lead's country. */
    private static void takePhone(Lead lead, NormalizedLead in) {
        String placed = in.country() == null && lead.country != null && in.phoneRaw() == null ? Normalizer.e164(in.phone(), lead.country) : null;
        lead.phone = placed != null ? placed : in.phone();
        lead.phoneRaw = placed != null && !placed.equals(in.phone()) ? in.phone() : in.phoneRaw();
    }

    /**
     * A repeat of (source, externalId): the sending tool's record of the same person, so its values
     * win, including its activity counters (tools send running totals). The email only moves when
     * no other open lead holds the new address.
     */
    private void update(Lead lead, NormalizedLead in, Instant now, Map<String, Lead> byEmail) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(lead.email, in.email())) {
            Lead holder = byEmail.get(in.email());
            if (holder == null || holder == lead) {
                byEmail.remove(lead.email);
                lead.email = in.email();
                lead.emailRaw = in.emailRaw();
                lead.domain = in.domain();
                lead.freeEmail = in.freeEmail();
                lead.moveTo(lead.status);
                byEmail.put(lead.email, lead);
                changed.add("email");
            }
        }
        replace(changed, "firstName", lead.firstName, in.firstName(), v -> lead.firstName = v);
        replace(changed, "lastName", lead.lastName, in.lastName(), v -> lead.lastName = v);
        replace(changed, "company", lead.company, in.company(), v -> lead.company = v);
        replace(changed, "website", lead.website, in.website(), v -> lead.website = v);
        replace(changed, "title", lead.title, in.title(), v -> lead.title = v);
        if (in.phone() != null && !in.phone().equals(lead.phone) && !in.phone().equals(lead.phoneRaw)) {
            takePhone(lead, in);
            changed.add("phone");
        }
        if (in.country() != null && !in.country().equals(lead.country)) {
            lead.country = in.country();
            lead.countryRaw = in.countryRaw();
            changed.add("country");
        }
        replace(changed, "region", lead.region, in.region(), v -> lead.region = v);
        replace(changed, "city", lead.city, in.city(), v -> lead.city = v);
        replace(changed, "industry", lead.industry, in.industry(), v -> lead.industry = v);
        replace(changed, "employeeCount", lead.employeeCount, in.employeeCount(), v -> lead.employeeCount = v);
        if (in.annualRevenue() != null && (lead.annualRevenue == null || in.annualRevenue().compareTo(lead.annualRevenue) != 0)) {
            lead.annualRevenue = in.annualRevenue();
            changed.add("annualRevenue");
        }
        replace(changed, "campaign", lead.campaign, in.campaign(), v -> lead.campaign = v);
        replace(changed, "consent", lead.consentMarketing, in.consentMarketing(), v -> {
            lead.consentMarketing = v;
            lead.consentAt = in.consentAt();
        });
        Map<String, Object> attributes = readMap(lead.attributes);
        in.attributes().forEach((k, v) -> {
            if (!Objects.equals(attributes.get(k), v) && (attributes.containsKey(k) || attributes.size() < 50)) {
                attributes.put(k, v);
                changed.add("attributes." + k);
            }
        });
        lead.attributes = writeJson(attributes);
        lead.formSubmissions = Math.max(lead.formSubmissions, in.formSubmissions());
        lead.pageViews = Math.max(lead.pageViews, in.pageViews());
        lead.emailClicks = Math.max(lead.emailClicks, in.emailClicks());
        lead.webinarsAttended = Math.max(lead.webinarsAttended, in.webinarsAttended());
        lead.lastActivityAt = latest(lead.lastActivityAt, in.lastActivityAt());
        lead.touches++;
        lead.updatedAt = now;
        Map<String, Object> detail = touch(in);
        detail.put("changedFields", changed);
        history.record(lead, "lead.updated", now, actor(in), detail);
    }

    private static <T> void fill(List<String> filled, String name, T current, T incoming, Consumer<T> set) {
        if (current == null && incoming != null) {
            set.accept(incoming);
            filled.add(name);
        }
    }

    private static <T> void replace(List<String> changed, String name, T current, T incoming, Consumer<T> set) {
        if (incoming != null && !incoming.equals(current)) {
            set.accept(incoming);
            changed.add(name);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
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


    /** The API view of a lead (also for other services that hold the entity inside their transaction). */
    public LeadView view(Lead l) {
        boolean anyRaw = l.emailRaw != null || l.phoneRaw != null || l.countryRaw != null;
        return new LeadView(l.id, l.status, l.source, l.externalId, l.email, l.domain, l.freeEmail,
                l.firstName, l.lastName, l.company, l.website, l.title, l.phone, l.country, l.region, l.city,
                l.industry, l.employeeCount, l.annualRevenue, l.campaign,
                l.utmSource == null && l.utmMedium == null && l.utmCampaign == null && l.utmTerm == null && l.utmContent == null
                        ? null : new LeadRequest.Utm(l.utmSource, l.utmMedium, l.utmCampaign, l.utmTerm, l.utmContent),
                l.consentMarketing == null && l.consentAt == null ? null : new LeadRequest.Consent(l.consentMarketing, l.consentAt),
                new LeadRequest.Activity(l.formSubmissions, l.pageViews, l.emailClicks, l.webinarsAttended, l.lastActivityAt),
                readMap(l.attributes),
                anyRaw ? new LeadView.Raw(l.emailRaw, l.phoneRaw, l.countryRaw) : null,
                l.erasedAt != null ? null : LeadFacts.contactQuality(l),
                l.score != null ? l.score : readJson(l.scoreExplanation, Score.class),
                l.queueId, l.ownerRepId, l.routing != null ? l.routing : readJson(l.routingExplanation, RoutingDecision.class),
                l.status == LeadStatus.CLAIMED && l.leaseExpiresAt != null && l.leaseExpiresAt.isAfter(clock.instant())
                        ? new LeadView.Lease(l.claimedBy, l.claimedAt, l.leaseExpiresAt) : null,
                l.slaDueAt, l.slaBreaches,
                l.touches, l.createdAt, l.updatedAt, l.erasedAt,
                new LeadView.Cycle(l.cycle, l.previousLeadId, l.nextLeadId));
    }

    private <T> T readJson(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not JSON", e);
        }
    }

    private Map<String, Object> readMap(String json) {
        if (json == null || json.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes are not JSON", e);
        }
    }

    private String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise", e);
        }
    }
}
