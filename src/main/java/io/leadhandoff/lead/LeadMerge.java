package io.leadhandoff.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The rules by which a post changes the lead it belongs to, with no framework in it: a touch (same email, an
 * open lead) fills what the lead lacks and adds up activity; a repeat of the sending tool's record (same source
 * and external id) replaces what it sends, counters included. Each computes the lead's next {@link LeadProfile} with
 * the names of the fields it changed ({@link Merged}), which {@link Lead#merge} applies: nothing here writes a lead.
 * The custom attributes come in as the lead's decoded map and are changed in place.
 */
final class LeadMerge {

    /** Custom attributes a lead keeps at most; a post cannot add more. */
    static final int MAX_ATTRIBUTES = 50;

    private LeadMerge() {
    }

    /** A merge's outcome: the lead's next profile and the names of the fields that changed. */
    record Merged(LeadProfile profile, List<String> changed) {
    }

    /** A lead as it would be stored, not yet persisted, with {@code attributes} its custom attributes as JSON. */
    static Lead newLead(String id, NormalizedLead in, String attributes, Instant now) {
        return Lead.received(id, in.source(), in.source() == null ? null : in.externalId(), LeadProfile.of(in),
                LeadProfile.Attribution.of(in), attributes, now);
    }

    /**
     * A touch: fields the lead lacks are filled in, nothing it has is overwritten, activity counters add up. The
     * attribution (source, external id, campaign, UTM) stays the first touch's, also when it had no campaign: a
     * campaign that reached an open lead did not bring it, and crediting it would lower its cost per lead with
     * leads it did not generate (the touch's campaign is in the lead's history). Answers the fields filled.
     */
    static Merged touch(LeadProfile current, NormalizedLead in, Map<String, Object> attributes) {
        Draft lead = new Draft(current);
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
        return new Merged(lead.profile(), filled);
    }

    /**
     * A repeat of (source, externalId): the sending tool's record of the same person, so its values win, including
     * its activity counters (tools send running totals, so the higher one is kept). The email moves only when
     * {@code emailMoves} (no other open lead holds the new address). Answers the fields changed.
     */
    static Merged repeat(LeadProfile current, NormalizedLead in, boolean emailMoves, Map<String, Object> attributes) {
        Draft lead = new Draft(current);
        List<String> changed = new ArrayList<>();
        if (emailMoves && !Objects.equals(lead.email, in.email())) {
            lead.email = in.email();
            lead.emailRaw = in.emailRaw();
            lead.domain = in.domain();
            lead.freeEmail = in.freeEmail();
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
        return new Merged(lead.profile(), changed);
    }

    /** The post's phone; a national number the post could not place (it names no country) is read in the lead's country. */
    private static void takePhone(Draft lead, NormalizedLead in) {
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

    /** The profile being computed: a working copy, never a lead. */
    private static final class Draft {
        String email;
        String emailRaw;
        String domain;
        boolean freeEmail;
        String firstName;
        String lastName;
        String company;
        String website;
        String title;
        String phone;
        String phoneRaw;
        String country;
        String countryRaw;
        String region;
        String city;
        String industry;
        Integer employeeCount;
        BigDecimal annualRevenue;
        String campaign;
        Boolean consentMarketing;
        Instant consentAt;
        int formSubmissions;
        int pageViews;
        int emailClicks;
        int webinarsAttended;
        Instant lastActivityAt;

        Draft(LeadProfile p) {
            email = p.email();
            emailRaw = p.emailRaw();
            domain = p.domain();
            freeEmail = p.freeEmail();
            firstName = p.firstName();
            lastName = p.lastName();
            company = p.company();
            website = p.website();
            title = p.title();
            phone = p.phone();
            phoneRaw = p.phoneRaw();
            country = p.country();
            countryRaw = p.countryRaw();
            region = p.region();
            city = p.city();
            industry = p.industry();
            employeeCount = p.employeeCount();
            annualRevenue = p.annualRevenue();
            campaign = p.campaign();
            consentMarketing = p.consentMarketing();
            consentAt = p.consentAt();
            formSubmissions = p.formSubmissions();
            pageViews = p.pageViews();
            emailClicks = p.emailClicks();
            webinarsAttended = p.webinarsAttended();
            lastActivityAt = p.lastActivityAt();
        }

        LeadProfile profile() {
            return new LeadProfile(email, emailRaw, domain, freeEmail, firstName, lastName, company, website, title, phone,
                    phoneRaw, country, countryRaw, region, city, industry, employeeCount, annualRevenue, campaign,
                    consentMarketing, consentAt, formSubmissions, pageViews, emailClicks, webinarsAttended, lastActivityAt);
        }
    }
}
