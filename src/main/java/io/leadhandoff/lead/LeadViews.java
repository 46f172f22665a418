package io.leadhandoff.lead;

import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.scoring.Score;
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
        boolean anyRaw = l.emailRaw != null || l.phoneRaw != null || l.countryRaw != null;
        RoutingDecision routing = l.routing != null ? l.routing : json.read(l.routingExplanation, RoutingDecision.class);
        return new LeadView(l.id, l.status, l.source, l.externalId, l.email, l.domain, l.freeEmail,
                l.firstName, l.lastName, l.company, l.website, l.title, l.phone, l.country, l.region, l.city,
                l.industry, l.employeeCount, l.annualRevenue, l.campaign,
                l.utmSource == null && l.utmMedium == null && l.utmCampaign == null && l.utmTerm == null && l.utmContent == null
                        ? null : new LeadRequest.Utm(l.utmSource, l.utmMedium, l.utmCampaign, l.utmTerm, l.utmContent),
                l.consentMarketing == null && l.consentAt == null ? null : new LeadRequest.Consent(l.consentMarketing, l.consentAt),
                new LeadRequest.Activity(l.formSubmissions, l.pageViews, l.emailClicks, l.webinarsAttended, l.lastActivityAt),
                json.map(l.attributes),
                anyRaw ? new LeadView.Raw(l.emailRaw, l.phoneRaw, l.countryRaw) : null,
                l.erasedAt != null ? null : LeadFacts.contactQuality(l),
                l.score != null ? l.score : l.scoring == null ? null : json.read(l.scoring.explanation(), Score.class),
                l.queueId, l.ownerRepId, routing, routing == null ? null : routing.account(),
                l.status == LeadStatus.CLAIMED && l.leaseExpiresAt() != null && l.leaseExpiresAt().isAfter(clock.instant())
                        ? new LeadView.Lease(l.claimedBy, l.claimedAt, l.leaseExpiresAt()) : null,
                l.slaDueAt(), l.slaBreaches(),
                l.touches, l.createdAt, l.updatedAt, l.erasedAt,
                new LeadView.Cycle(l.cycle, l.previousLeadId, l.nextLeadId));
    }
}
