package io.leadhandoff.lead;

import io.leadhandoff.condition.Facts;
import io.leadhandoff.contact.ContactQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What scoring models and routing rules see of a lead, by the field names of the condition language. */
final class LeadFacts {

    private LeadFacts() {
    }

    static ContactQuality contactQuality(Lead l) {
        return contactQuality(l.profile());
    }

    private static ContactQuality contactQuality(LeadProfile p) {
        return ContactQuality.of(p.email(), p.domain(), p.phone(), p.country(), p.firstName(), p.lastName(), p.company());
    }

    static Facts of(Lead l, Map<String, Object> attributes, Instant now) {
        LeadProfile p = l.profile();
        LeadProfile.Attribution utm = l.attribution();
        Facts.Builder b = Facts.builder()
                .put("source", l.source()).put("externalId", l.externalId()).put("email", p.email()).put("domain", p.domain())
                .put("freeEmail", p.freeEmail()).put("firstName", p.firstName()).put("lastName", p.lastName())
                .put("company", p.company()).put("website", p.website()).put("title", p.title()).put("phone", p.phone())
                .put("country", p.country()).put("region", p.region()).put("city", p.city()).put("industry", p.industry())
                .put("employeeCount", p.employeeCount()).put("annualRevenue", p.annualRevenue()).put("campaign", p.campaign())
                .put("utm.source", utm.utmSource()).put("utm.medium", utm.utmMedium()).put("utm.campaign", utm.utmCampaign())
                .put("utm.term", utm.utmTerm()).put("utm.content", utm.utmContent())
                .put("consent.marketing", p.consentMarketing())
                .put("touches", l.touches())
                .put("activity.formSubmissions", p.formSubmissions()).put("activity.pageViews", p.pageViews())
                .put("activity.emailClicks", p.emailClicks()).put("activity.webinarsAttended", p.webinarsAttended());
        if (p.lastActivityAt() != null) {
            b.put("activity.daysSinceLastActivity", Math.max(0, Duration.between(p.lastActivityAt(), now).toDays()));
        }
        contactQuality(p).facts().forEach(b::put);
        attributes.forEach((k, v) -> b.put("attributes." + k, v));
        LeadScore s = l.scoring();
        if (s != null && s.total() != null) {
            b.put("score.fit", s.fit()).put("score.engagement", s.engagement()).put("score.total", s.total())
                    .put("score.grade", s.grade()).put("score.acceptanceProbability", s.acceptanceProbability());
        }
        return b.build();
    }
}
