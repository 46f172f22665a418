package io.leadhandoff.lead;

import io.leadhandoff.common.Ids;
import io.leadhandoff.condition.Facts;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.routing.RoutingService;
import io.leadhandoff.routing.RuleSetDocument;
import io.leadhandoff.scoring.CompiledModel;
import io.leadhandoff.scoring.Score;
import io.leadhandoff.scoring.Scorer;
import io.leadhandoff.scoring.ScoringService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Scoring and routing a lead body as intake would, storing nothing: the scoring preview and the routing simulation. */
@ApplicationScoped
public class LeadPreviews {

    private final ScoringService scoring;
    private final RoutingService routing;
    private final LeadJson json;
    private final Clock clock;

    LeadPreviews(ScoringService scoring, RoutingService routing, LeadJson json, Clock clock) {
        this.scoring = scoring;
        this.routing = routing;
        this.json = json;
        this.clock = clock;
    }

    /** Scores and routes a lead body with the active or a draft rule set, storing nothing. */
    public RoutingSimulationResource.Simulation simulate(NormalizedLead in, RuleSetDocument draft) {
        Instant now = clock.instant();
        Lead lead = LeadMerge.newLead(Ids.next(), in, json.write(in.attributes()), now);
        Score score = Scorer.score(scoring.active(), LeadFacts.of(lead, in.attributes(), now), lead.lastActivityAt(), now);
        lead.score(score, null, null);
        RoutingDecision decision = routing.simulate(draft, LeadFacts.of(lead, in.attributes(), now), score.total(), lead.accountQuery()).decision();
        return new RoutingSimulationResource.Simulation(score, decision);
    }

    /** Scores a lead body without storing anything. */
    public ScorePreview preview(NormalizedLead in, Integer version) {
        Instant now = clock.instant();
        CompiledModel model = version == null ? scoring.active() : scoring.model(version);
        Lead lead = LeadMerge.newLead(Ids.next(), in, json.write(in.attributes()), now);
        Facts facts = LeadFacts.of(lead, in.attributes(), now);
        return new ScorePreview(Scorer.score(model, facts, lead.lastActivityAt(), now), facts.asMap());
    }
}
