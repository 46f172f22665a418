package io.leadhandoff.lead;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The API view of a lead, for every service that holds the entity inside its transaction. */
@ApplicationScoped
public class LeadViews {

    private final LeadJson json;
    private final Clock clock;

    LeadViews(LeadJson json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public LeadView view(Lead l) {
        return l.view(json, clock.instant());
    }
}
