package io.leadhandoff.lead;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a post can change on a lead — contact, company, consent and activity — as one value: {@link LeadMerge} computes
 * the next profile from the current one and a post, and {@link Lead} applies it.
 */
record LeadProfile(String email, String emailRaw, String domain, boolean freeEmail, String firstName, String lastName,
                   String company, String website, String title, String phone, String phoneRaw, String country,
                   String countryRaw, String region, String city, String industry, Integer employeeCount,
                   BigDecimal annualRevenue, String campaign, Boolean consentMarketing, Instant consentAt,
                   int formSubmissions, int pageViews, int emailClicks, int webinarsAttended, Instant lastActivityAt) {

    /** The profile of a first post. */
    static LeadProfile of(NormalizedLead in) {
        return new LeadProfile(in.email(), in.emailRaw(), in.domain(), in.freeEmail(), in.firstName(), in.lastName(),
                in.company(), in.website(), in.title(), in.phone(), in.phoneRaw(), in.country(), in.countryRaw(), in.region(),
                in.city(), in.industry(), in.employeeCount(), in.annualRevenue(), in.campaign(), in.consentMarketing(),
                in.consentAt(), in.formSubmissions(), in.pageViews(), in.emailClicks(), in.webinarsAttended(),
                in.lastActivityAt());
    }

    /** The UTM attribution of the first post, which later posts never change. */
    record Attribution(String utmSource, String utmMedium, String utmCampaign, String utmTerm, String utmContent) {
        static Attribution of(NormalizedLead in) {
            return new Attribution(in.utmSource(), in.utmMedium(), in.utmCampaign(), in.utmTerm(), in.utmContent());
        }
    }
}
