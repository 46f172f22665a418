package io.leadhandoff.lead;

import io.leadhandoff.routing.AccountMatchView;
import io.leadhandoff.routing.AccountMatcher;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.scoring.Score;
import io.leadhandoff.security.Secrets;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stored lead, the aggregate of its lifecycle. Never leaves the service layer: the API speaks {@link LeadView}.
 * Its state changes only in this package: intake fills and merges it, and every later step (claim, lease, release,
 * expiry, verdict, SLA breach and escalation, erasure) is one method here that checks the step is allowed and
 * returns the {@link LeadChange} it caused. Other packages read it through the accessors. It is longer than a
 * service should be because it maps the lead table's sixty-odd columns and holds every transition in one place.
 */
@Entity
@Table(name = "lead")
public class Lead {

    /**
     * The lifecycle: which status may follow which. Every change of status goes through {@link #moveTo}, which refuses
     * a step not listed here; any lead may be erased once. A verdict's allowed predecessors are read off this table.
     */
    private static final Map<LeadStatus, Set<LeadStatus>> NEXT = lifecycle();

    private static Map<LeadStatus, Set<LeadStatus>> lifecycle() {
        Map<LeadStatus, Set<LeadStatus>> next = new EnumMap<>(LeadStatus.class);
        next.put(LeadStatus.RECEIVED, EnumSet.of(LeadStatus.SCORED));
        next.put(LeadStatus.SCORED, EnumSet.of(LeadStatus.QUEUED, LeadStatus.DISQUALIFIED));
        next.put(LeadStatus.DISQUALIFIED, EnumSet.of(LeadStatus.QUEUED, LeadStatus.DISQUALIFIED));
        next.put(LeadStatus.QUEUED, EnumSet.of(LeadStatus.CLAIMED, LeadStatus.QUEUED,
                LeadStatus.ACCEPTED, LeadStatus.REJECTED, LeadStatus.RECYCLED));
        next.put(LeadStatus.CLAIMED, EnumSet.of(LeadStatus.QUEUED,
                LeadStatus.ACCEPTED, LeadStatus.REJECTED, LeadStatus.RECYCLED, LeadStatus.CONVERTED));
        next.put(LeadStatus.ACCEPTED, EnumSet.of(LeadStatus.REJECTED, LeadStatus.RECYCLED, LeadStatus.CONVERTED));
        next.put(LeadStatus.CONVERTED, EnumSet.of(LeadStatus.WON, LeadStatus.LOST));
        for (LeadStatus status : LeadStatus.values()) {
            next.computeIfAbsent(status, s -> EnumSet.noneOf(LeadStatus.class));
            if (status != LeadStatus.ERASED) {
                next.get(status).add(LeadStatus.ERASED);
            }
        }
        return next;
    }

    /** The sales verdicts: the statuses {@link #judge} moves a lead to. */
    private static final Set<LeadStatus> VERDICTS = EnumSet.of(LeadStatus.ACCEPTED, LeadStatus.REJECTED, LeadStatus.RECYCLED,
            LeadStatus.CONVERTED, LeadStatus.WON, LeadStatus.LOST);

    @Id
    @Column(length = 26)
    private String id;

    @Column(nullable = false, length = 20)
    @Enumerated(EnumType.STRING)
    private LeadStatus status;

    private String source;
    @Column(name = "external_id")
    private String externalId;
    private String email;
    @Column(name = "email_raw")
    private String emailRaw;
    @Column(name = "open_email")
    private String openEmail;
    private String domain;
    @Column(name = "free_email", nullable = false)
    private boolean freeEmail;
    @Column(name = "first_name")
    private String firstName;
    @Column(name = "last_name")
    private String lastName;
    private String company;
    private String website;
    private String title;
    private String phone;
    @Column(name = "phone_raw")
    private String phoneRaw;
    private String country;
    @Column(name = "country_raw")
    private String countryRaw;
    private String region;
    private String city;
    private String industry;
    @Column(name = "employee_count")
    private Integer employeeCount;
    @Column(name = "annual_revenue", precision = 19, scale = 2)
    private BigDecimal annualRevenue;
    private String campaign;
    @Column(name = "utm_source")
    private String utmSource;
    @Column(name = "utm_medium")
    private String utmMedium;
    @Column(name = "utm_campaign")
    private String utmCampaign;
    @Column(name = "utm_term")
    private String utmTerm;
    @Column(name = "utm_content")
    private String utmContent;
    @Column(name = "consent_marketing")
    private Boolean consentMarketing;
    @Column(name = "consent_at")
    private Instant consentAt;
    @Column(name = "form_submissions", nullable = false)
    private int formSubmissions;
    @Column(name = "page_views", nullable = false)
    private int pageViews;
    @Column(name = "email_clicks", nullable = false)
    private int emailClicks;
    @Column(name = "webinars_attended", nullable = false)
    private int webinarsAttended;
    @Column(name = "last_activity_at")
    private Instant lastActivityAt;
    /** Custom attributes as a JSON object. */
    @Lob
    private String attributes;
    @Column(nullable = false)
    private int touches;
    /** The current score; null until the lead is first scored. */
    @Embedded
    private LeadScore scoring;
    /** The score this transaction stored in {@link #scoring}, so answering needs no re-parse of its explanation. */
    @Transient
    private Score score;
    @Column(name = "queue_id", length = 64)
    private String queueId;
    /** The rep the lead is with: assigned by routing, or the rep who claimed it. */
    @Column(name = "owner_rep_id", length = 128)
    private String ownerRepId;
    @Column(name = "routed_at")
    private Instant routedAt;
    /** The {@code RoutingDecision} with its trace, as JSON. */
    @Lob
    @Column(name = "routing_explanation")
    private String routingExplanation;
    /** The decision this transaction wrote into {@link #routingExplanation}. */
    @Transient
    private RoutingDecision routing;
    @Column(name = "queued_at")
    private Instant queuedAt;
    /** The account routing matched the lead to, and by which rule (domain, name, fuzzy, parent, ambiguous, none). */
    @Column(name = "account_id", length = 64)
    private String accountId;
    @Column(name = "account_match", length = 10)
    private String accountMatch;
    @Embedded
    private Sla sla = new Sla(null, 0);
    /** The current claim's lease; null when nobody holds one. */
    @Embedded
    private Lease lease;
    @Column(name = "claimed_by", length = 128)
    private String claimedBy;
    @Column(name = "claimed_at")
    private Instant claimedAt;
    @Column(name = "first_claimed_at")
    private Instant firstClaimedAt;
    @Column(name = "first_feedback_at")
    private Instant firstFeedbackAt;
    @Column(name = "accepted_at")
    private Instant acceptedAt;
    @Column(name = "rejected_at")
    private Instant rejectedAt;
    @Column(name = "recycled_at")
    private Instant recycledAt;
    @Column(name = "converted_at")
    private Instant convertedAt;
    @Column(name = "won_at")
    private Instant wonAt;
    @Column(name = "lost_at")
    private Instant lostAt;
    @Column(name = "outcome_reason", length = 40)
    private String outcomeReason;
    @Column(name = "feedback_rep_id", length = 128)
    private String feedbackRepId;
    @Column(name = "deal_amount", precision = 19, scale = 2)
    private BigDecimal dealAmount;

    /** Routing last found the lead below the minimum score (kept through an erasure, for reports). */
    @Column(nullable = false)
    private boolean disqualified;

    /** The lead of this person's previous cycle, when this one started because a closed lead was touched again. */
    @Column(name = "previous_lead_id", length = 26)
    private String previousLeadId;
    /** The lead of the cycle that followed this one, once it was touched again after closing. */
    @Column(name = "next_lead_id", length = 26)
    private String nextLeadId;
    /** 1 for a person's first lead, n + 1 for the cycle after cycle n. */
    @Column(nullable = false)
    private int cycle = 1;

    /** When the personal data was erased; the non-personal facts stay for reports. */
    @Column(name = "erased_at")
    private Instant erasedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    /** A lead just received from {@code profile}'s post, not yet persisted, with its custom attributes as JSON. */
    static Lead received(String id, String source, String externalId, LeadProfile profile, LeadProfile.Attribution attribution,
                         String attributes, Instant now) {
        Lead lead = new Lead();
        lead.id = id;
        lead.source = source;
        lead.externalId = externalId;
        lead.take(profile);
        lead.utmSource = attribution.utmSource();
        lead.utmMedium = attribution.utmMedium();
        lead.utmCampaign = attribution.utmCampaign();
        lead.utmTerm = attribution.utmTerm();
        lead.utmContent = attribution.utmContent();
        lead.attributes = attributes;
        lead.touches = 1;
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.status = LeadStatus.RECEIVED;
        lead.openEmail = lead.email;
        return lead;
    }

    /** What a post can change on the lead: its contact, company, attribution and activity fields. */
    LeadProfile profile() {
        return new LeadProfile(email, emailRaw, domain, freeEmail, firstName, lastName, company, website, title, phone, phoneRaw,
                country, countryRaw, region, city, industry, employeeCount, annualRevenue, campaign, consentMarketing, consentAt,
                formSubmissions, pageViews, emailClicks, webinarsAttended, lastActivityAt);
    }

    /**
     * Applies a post merged by {@link LeadMerge}: its profile, its custom attributes (JSON), one more touch. A changed email
     * moves the open-email uniqueness column with it.
     */
    void merge(LeadMerge.Merged merged, String attributes, Instant now) {
        take(merged.profile());
        this.attributes = attributes;
        openEmail = status.isOpen() ? email : null;
        touches++;
        updatedAt = now;
    }

    private void take(LeadProfile p) {
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

    /**
     * Starts this lead as the cycle after {@code previous} (a closed lead of the same person touched again): links the two
     * both ways, and the closed lead gives up its external id (the pair is unique among leads, and moves to this cycle).
     */
    void follow(Lead previous, Instant now) {
        require(status == LeadStatus.RECEIVED, "start a cycle on");
        previousLeadId = previous.id;
        cycle = previous.cycle + 1;
        previous.nextLeadId = id;
        previous.externalId = null;
        previous.updatedAt = now;
    }

    /** The tool identity ({@code source}, {@code externalId}) moved to another lead: this one no longer answers to it. */
    void giveUpIdentity(String source, String externalId) {
        if (source.equals(this.source) && externalId.equals(this.externalId)) {
            this.externalId = null;
        }
    }

    /** Whether this lead was created with the tool identity ({@code source}, {@code externalId}). */
    boolean createdWith(String source, String externalId) {
        return source.equals(this.source) && externalId.equals(this.externalId);
    }

    /** Moves the lead to {@code next} if the lifecycle allows it, keeping the open-email uniqueness column in step. */
    private void moveTo(LeadStatus next) {
        if (!NEXT.get(status).contains(next)) {
            throw new IllegalStateException("Cannot move lead " + id + " from " + status.wire() + " to " + next.wire());
        }
        status = next;
        openEmail = next.isOpen() ? email : null;
    }

    /**
     * Takes a score: its numbers on the lead, where {@link LeadFacts} reads them for routing (live intake and simulation
     * both go through here, so a rule sees the same score facts in both); a received lead becomes scored. Answers
     * whether the score says something new (the lead was never scored, or the numbers changed).
     */
    boolean score(Score score, String explanation, Instant at) {
        boolean changed = scoreDiffersFrom(score);
        this.scoring = new LeadScore(score, explanation, at);
        this.score = score;
        if (status == LeadStatus.RECEIVED) {
            moveTo(LeadStatus.SCORED);
        }
        return changed;
    }

    /** The statuses a lead may be in for {@code verdict} to be given. */
    public static Set<LeadStatus> verdictFollows(LeadStatus verdict) {
        if (!VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException(verdict + " is not a sales verdict");
        }
        Set<LeadStatus> from = EnumSet.noneOf(LeadStatus.class);
        NEXT.forEach((status, next) -> {
            if (next.contains(verdict)) {
                from.add(status);
            }
        });
        return from;
    }

    /** A verdict the lead's status does not allow: nothing was changed. */
    public static final class VerdictRefused extends RuntimeException {
        private final LeadStatus from;
        private final LeadStatus verdict;

        VerdictRefused(LeadStatus from, LeadStatus verdict) {
            super("A lead that is " + from.wire() + " cannot be marked " + verdict.name(), null, false, false);
            this.from = from;
            this.verdict = verdict;
        }

        public LeadStatus from() {
            return from;
        }

        public LeadStatus verdict() {
            return verdict;
        }
    }

    /** Whether {@code score} would change what the lead's score says (or the lead was never scored). */
    boolean scoreDiffersFrom(Score score) {
        return scoring == null || scoring.differsFrom(score);
    }

    public Integer scoreTotal() {
        return scoring == null ? null : scoring.total();
    }

    /** The lead as account matching sees it: its domains (not a free-mail address's) and its company. */
    AccountMatcher.Query accountQuery() {
        List<String> domains = new ArrayList<>(2);
        String site = Normalizer.websiteDomain(website);
        if (!freeEmail && domain != null) {
            domains.add(domain);
        }
        if (site != null && !domains.contains(site)) {
            domains.add(site);
        }
        return new AccountMatcher.Query(domains, company);
    }

    // --- transitions: the only ways the lifecycle, lease and SLA state change outside intake ---

    /**
     * Takes routing's decision for a scored (or disqualified) lead: disqualified, or queued in the decision's queue
     * (with its rep, or for anyone) and due at {@code slaDueAt} under that queue's SLA clock (null for none).
     */
    LeadChange.Routed route(RoutingDecision decision, String explanation, Instant slaDueAt, Instant now) {
        require(status == LeadStatus.SCORED || status == LeadStatus.DISQUALIFIED, "route");
        boolean disqualify = "disqualified".equals(decision.outcome());
        routingExplanation = explanation;
        routing = decision;
        AccountMatchView account = decision.account();
        accountId = account == null ? null : account.id();
        accountMatch = account == null ? null : account.matchedBy();
        routedAt = now;
        disqualified = disqualify;
        if (disqualify) {
            moveTo(LeadStatus.DISQUALIFIED);
        } else {
            queueId = decision.queueId();
            ownerRepId = decision.repId();
            queuedAt = now;
            sla = sla.dueAt(slaDueAt);
            moveTo(LeadStatus.QUEUED);
        }
        return new LeadChange.Routed(decision);
    }

    /** A rep takes a queued lead under a new lease; the SLA clock stops. */
    public LeadChange.Claimed claim(String repId, String token, Instant expiresAt, Instant now) {
        require(status == LeadStatus.QUEUED, "claim");
        Long waited = queuedAt == null ? null : Duration.between(queuedAt, now).toSeconds();
        lease = new Lease(token, expiresAt);
        claimedBy = repId;
        claimedAt = now;
        if (firstClaimedAt == null) {
            firstClaimedAt = now;
        }
        ownerRepId = repId;
        sla = sla.stopped();
        updatedAt = now;
        moveTo(LeadStatus.CLAIMED);
        return new LeadChange.Claimed(queueId, repId, lease.expiresAt(), waited);
    }

    /** Whether {@code token} is the current, unexpired lease of this claimed lead. */
    public boolean isLeasedWith(String token, Instant now) {
        return status == LeadStatus.CLAIMED && lease != null && lease.isLive(now) && Secrets.equal(lease.token(), token);
    }

    public LeadChange.LeaseExtended extendLease(Instant until, Instant now) {
        require(status == LeadStatus.CLAIMED && lease != null, "extend the lease of");
        lease = lease.extendedTo(until);
        updatedAt = now;
        return new LeadChange.LeaseExtended(claimedBy, lease.expiresAt());
    }

    /** The rep lets go: back to the whole queue, due again at {@code slaDueAt} (null for no SLA). */
    public LeadChange.Released release(Instant slaDueAt, Instant now) {
        require(status == LeadStatus.CLAIMED, "release");
        requeue(slaDueAt, now);
        return new LeadChange.Released(claimedBy);
    }

    /** The lease ran out: back to the whole queue (an SLA miss for that rep). */
    public LeadChange.LeaseExpired expireLease(Instant slaDueAt, Instant now) {
        require(status == LeadStatus.CLAIMED && lease != null, "expire the lease of");
        Instant expiredAt = lease.expiresAt();
        requeue(slaDueAt, now);
        return new LeadChange.LeaseExpired(claimedBy, expiredAt);
    }

    private void requeue(Instant slaDueAt, Instant now) {
        // back to the whole queue: the rep who let go of it is no longer its owner
        lease = null;
        ownerRepId = null;
        queuedAt = now;
        sla = sla.dueAt(slaDueAt);
        updatedAt = now;
        moveTo(LeadStatus.QUEUED);
    }

    /**
     * Sales' verdict, moving the lead to {@code verdict} (accepted, rejected, recycled, converted, won or lost) and
     * ending any lease. A verdict the lifecycle does not allow from the lead's status is a {@link VerdictRefused},
     * thrown before anything changes.
     */
    public LeadChange.Judged judge(LeadStatus verdict, String reason, BigDecimal amount, String repId, Instant now) {
        if (!VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException(verdict + " is not a sales verdict");
        }
        LeadStatus from = status;
        if (!NEXT.get(from).contains(verdict)) {
            throw new VerdictRefused(from, verdict);
        }
        if (firstFeedbackAt == null) {
            firstFeedbackAt = now;
        }
        switch (verdict) {
            case ACCEPTED -> acceptedAt = now;
            case REJECTED -> rejectedAt = now;
            case RECYCLED -> recycledAt = now;
            case CONVERTED -> {
                if (acceptedAt == null) {
                    acceptedAt = now;
                }
                convertedAt = now;
                dealAmount = amount;
            }
            case WON -> {
                wonAt = now;
                if (amount != null) {
                    dealAmount = amount;
                }
            }
            case LOST -> lostAt = now;
            default -> throw new IllegalStateException("unreachable: " + verdict);
        }
        if (reason != null) {
            outcomeReason = reason;
        }
        if (repId != null) {
            feedbackRepId = repId;
        }
        lease = null;
        sla = sla.stopped();
        updatedAt = now;
        moveTo(verdict);
        return new LeadChange.Judged(verdict, from, reason, amount, repId);
    }

    /** The queued lead was not claimed in time: one more breach on its record. */
    public LeadChange.SlaBreached breachSla() {
        require(status == LeadStatus.QUEUED && sla.dueAt() != null, "breach the SLA of");
        sla = sla.breached();
        return new LeadChange.SlaBreached(queueId, ownerRepId, sla.dueAt());
    }

    /**
     * After a breach: to {@code toQueueId} (and {@code toRepId}, or anyone there), due at {@code slaDueAt} under that
     * queue's SLA clock; or, with no {@code toQueueId}, nobody to escalate to: the lead stays and its SLA clock stops.
     */
    public LeadChange.Escalated escalate(String toQueueId, String toRepId, Instant slaDueAt, Instant now) {
        require(status == LeadStatus.QUEUED, "escalate");
        String fromQueue = queueId;
        String fromRep = ownerRepId;
        if (toQueueId == null) {
            sla = sla.stopped();
        } else {
            queueId = toQueueId;
            ownerRepId = toRepId;
            queuedAt = now;
            sla = sla.dueAt(slaDueAt);
        }
        updatedAt = now;
        moveTo(LeadStatus.QUEUED);
        return new LeadChange.Escalated(fromQueue, fromRep, toQueueId != null, toQueueId, toRepId);
    }

    /**
     * The queue's clock moved the due time of a queued lead without a breach (its schedule gained a holiday, its SLA
     * changed): due at {@code dueAt} now, or not at all when null. Records no change of its own.
     */
    public void rescheduleSla(Instant dueAt) {
        require(status == LeadStatus.QUEUED, "reschedule the SLA of");
        sla = sla.dueAt(dueAt);
    }

    /**
     * Erases the personal data (see {@link PersonalData}); what reports count stays. The caller checks
     * {@link #isErased()} first: erasing twice records nothing new.
     */
    LeadChange.Erased erase(String actor, Instant now) {
        require(erasedAt == null, "erase");
        email = null;
        emailRaw = null;
        openEmail = null;
        firstName = null;
        lastName = null;
        title = null;
        phone = null;
        phoneRaw = null;
        countryRaw = null;
        region = null;
        city = null;
        attributes = null;
        externalId = null;
        website = null;
        utmTerm = null;
        utmContent = null;
        if (freeEmail) {
            domain = null;
        }
        lease = null;
        moveTo(LeadStatus.ERASED);
        erasedAt = now;
        updatedAt = now;
        return new LeadChange.Erased(actor);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("Cannot " + action + " lead " + id + " while it is " + status.wire());
        }
    }

    /** The API view of this lead; {@code json} reads its stored JSON, {@code now} tells a live lease from a lapsed one. */
    LeadView view(LeadJson json, Instant now) {
        Lead l = this;
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
                l.status == LeadStatus.CLAIMED && l.leaseExpiresAt() != null && l.leaseExpiresAt().isAfter(now)
                        ? new LeadView.Lease(l.claimedBy, l.claimedAt, l.leaseExpiresAt()) : null,
                l.slaDueAt(), l.slaBreaches(),
                l.touches, l.createdAt, l.updatedAt, l.erasedAt,
                new LeadView.Cycle(l.cycle, l.previousLeadId, l.nextLeadId));
    }

    // --- reads for this package (intake, history, queries): values, never the fields themselves ---

    String email() {
        return email;
    }

    String source() {
        return source;
    }

    String externalId() {
        return externalId;
    }

    LeadProfile.Attribution attribution() {
        return new LeadProfile.Attribution(utmSource, utmMedium, utmCampaign, utmTerm, utmContent);
    }

    int touches() {
        return touches;
    }

    /** The stored score; null until the lead is first scored. */
    LeadScore scoring() {
        return scoring;
    }

    String previousLeadId() {
        return previousLeadId;
    }

    Instant erasedAt() {
        return erasedAt;
    }

    String openEmail() {
        return openEmail;
    }

    /** The custom attributes as stored (a JSON object), null when there are none. */
    String attributesJson() {
        return attributes;
    }

    Instant lastActivityAt() {
        return lastActivityAt;
    }

    int cycle() {
        return cycle;
    }

    // --- reads ---

    public String id() {
        return id;
    }

    public LeadStatus status() {
        return status;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    public String queueId() {
        return queueId;
    }

    public String ownerRepId() {
        return ownerRepId;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public String leaseToken() {
        return lease == null ? null : lease.token();
    }

    public Instant leaseExpiresAt() {
        return lease == null ? null : lease.expiresAt();
    }

    public Instant slaDueAt() {
        return sla.dueAt();
    }

    public int slaBreaches() {
        return sla.breaches();
    }
}
