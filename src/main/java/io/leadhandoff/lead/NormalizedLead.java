package io.leadhandoff.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A lead after normalisation: the values the service stores, scores and routes on. The {@code *Raw}
 * fields keep what the client sent where normalisation changed it, and are null otherwise.
 */
public record NormalizedLead(
        String externalId,
        String source,
        String email,
        String emailRaw,
        String domain,
        boolean freeEmail,
        String firstName,
        String lastName,
        String company,
        String website,
        String title,
        String phone,
        String phoneRaw,
        String country,
        String countryRaw,
        String region,
        String city,
        String industry,
        Integer employeeCount,
        BigDecimal annualRevenue,
        String campaign,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmTerm,
        String utmContent,
        Boolean consentMarketing,
        Instant consentAt,
        int formSubmissions,
        int pageViews,
        int emailClicks,
        int webinarsAttended,
        Instant lastActivityAt,
        Map<String, Object> attributes) {
}
