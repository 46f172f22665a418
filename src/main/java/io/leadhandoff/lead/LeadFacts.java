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
        return ContactQuality.of(l.email, l.domain, l.phone, l.country, l.firstName, l.lastName, l.company);
    }

    static Facts of(Lead l, Map<String, Object> attributes, Instant now) {
        Facts.Builder b = Facts.builder()
                .put("source", l.source).put("externalId", l.externalId).put("email", l.email).put("domain", l.domain)
                .put("freeEmail", l.freeEmail).put("firstName", l.firstName).put("lastName", l.lastName)
                .put("company", l.company).put("website", l.website).put("title", l.title).put("phone", l.phone)
                .put("country", l.country).put("region", l.region).put("city", l.city).put("industry", l.industry)
                .put("employeeCount", l.employeeCount).put("annualRevenue", l.annualRevenue).put("campaign", l.campaign)
                .put("utm.source", l.utmSource).put("utm.medium", l.utmMedium).put("utm.campaign", l.utmCampaign)
                .put("utm.term", l.utmTerm).put("utm.content", l.utmContent)
                .put("consent.marketing", l.consentMarketing)
                .put("touches", l.touches)
                .put("activity.formSubmissions", l.formSubmissions).put("activity.pageViews", l.pageViews)
                .put("activity.emailClicks", l.emailClicks).put("activity.webinarsAttended", l.webinarsAttended);
        if (l.lastActivityAt != null) {
            b.put("activity.daysSinceLastActivity", Math.max(0, Duration.between(l.lastActivityAt, now).toDays()));
        }
        contactQuality(l).facts().forEach(b::put);
        attributes.forEach((k, v) -> b.put("attributes." + k, v));
        LeadScore s = l.scoring;
        if (s != null && s.total() != null) {
            b.put("score.fit", s.fit()).put("score.engagement", s.engagement()).put("score.total", s.total())
                    .put("score.grade", s.grade()).put("score.acceptanceProbability", s.acceptanceProbability());
        }
        return b.build();
    }
}
