package io.leadhandoff.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The rules by which a post changes the lead it belongs to, with no framework in it: a touch (same email, an
 * open lead) fills what the lead lacks and adds up activity; a repeat of the sending tool's record (same source
 * and external id) replaces what it sends, counters included. Each answers the names of the fields it changed.
 * The custom attributes come in as the lead's decoded map and are changed in place.
 */
final class LeadMerge {

    /** Custom attributes a lead keeps at most; a post cannot add more. */
    static final int MAX_ATTRIBUTES = 50;

    private LeadMerge() {
    }

    /** A lead as it would be stored, not yet persisted, with {@code attributes} its custom attributes as JSON. */
    static Lead newLead(String id, NormalizedLead in, String attributes, Instant now) {
        Lead lead = new Lead();
        lead.id = id;
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
        lead.attributes = attributes;
        lead.touches = 1;
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.moveTo(LeadStatus.RECEIVED);
        return lead;
    }

    /**
     * A touch: fields the lead lacks are filled in, nothing it has is overwritten, activity counters add up. The
     * attribution (source, external id, campaign, UTM) stays the first touch's, also when it had no campaign: a
     * campaign that reached an open lead did not bring it, and crediting it would lower its cost per lead with
     * leads it did not generate (the touch's campaign is in the lead's history). Answers the fields filled.
     */
    static List<String> touch(Lead lead, NormalizedLead in, Map<String, Object> attributes, Instant now) {
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
        fill(filled, "consent", lead.consentMarketing, in.consentMarketing(), v -> {
            lead.consentMarketing = v;
            lead.consentAt = in.consentAt();
        });
        in.attributes().forEach((k, v) -> {
            if (!attributes.containsKey(k) && attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(k, v);
                filled.add("attributes." + k);
            }
        });
        lead.formSubmissions += in.formSubmissions();
        lead.pageViews += in.pageViews();
        lead.emailClicks += in.emailClicks();
        lead.webinarsAttended += in.webinarsAttended();
        lead.lastActivityAt = latest(lead.lastActivityAt, in.lastActivityAt());
        lead.touches++;
        lead.updatedAt = now;
        return filled;
    }

    /**
     * A repeat of (source, externalId): the sending tool's record of the same person, so its values win, including
     * its activity counters (tools send running totals, so the higher one is kept). The email moves only when
     * {@code emailMoves} (no other open lead holds the new address). Answers the fields changed.
     */
    static List<String> repeat(Lead lead, NormalizedLead in, boolean emailMoves, Map<String, Object> attributes, Instant now) {
        List<String> changed = new ArrayList<>();
        if (emailMoves && !Objects.equals(lead.email, in.email())) {
            lead.email = in.email();
            lead.emailRaw = in.emailRaw();
            lead.domain = in.domain();
            lead.freeEmail = in.freeEmail();
            lead.moveTo(lead.status);
            changed.add("email");
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
        in.attributes().forEach((k, v) -> {
            if (!Objects.equals(attributes.get(k), v) && (attributes.containsKey(k) || attributes.size() < MAX_ATTRIBUTES)) {
                attributes.put(k, v);
                changed.add("attributes." + k);
            }
        });
        lead.formSubmissions = Math.max(lead.formSubmissions, in.formSubmissions());
        lead.pageViews = Math.max(lead.pageViews, in.pageViews());
        lead.emailClicks = Math.max(lead.emailClicks, in.emailClicks());
        lead.webinarsAttended = Math.max(lead.webinarsAttended, in.webinarsAttended());
        lead.lastActivityAt = latest(lead.lastActivityAt, in.lastActivityAt());
        lead.touches++;
        lead.updatedAt = now;
        return changed;
    }

    /** The post's phone; a national number the post could not place (it names no country) is read in the lead's country. */
    private static void takePhone(Lead lead, NormalizedLead in) {
        String placed = in.country() == null && lead.country != null && in.phoneRaw() == null ? Normalizer.e164(in.phone(), lead.country) : null;
        lead.phone = placed != null ? placed : in.phone();
        lead.phoneRaw = placed != null && !placed.equals(in.phone()) ? in.phone() : in.phoneRaw();
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
}
