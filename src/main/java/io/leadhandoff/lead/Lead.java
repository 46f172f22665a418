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
import java.util.List;

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

    @Id
    @Column(length = 26)
    String id;

    @Column(nullable = false, length = 20)
    @Enumerated(EnumType.STRING)
    LeadStatus status;

    String source;
    @Column(name = "external_id")
    String externalId;
    String email;
    @Column(name = "email_raw")
    String emailRaw;
    @Column(name = "open_email")
    String openEmail;
    String domain;
    @Column(name = "free_email", nullable = false)
    boolean freeEmail;
    @Column(name = "first_name")
    String firstName;
    @Column(name = "last_name")
    String lastName;
    String company;
    String website;
    String title;
    String phone;
    @Column(name = "phone_raw")
    String phoneRaw;
    String country;
    @Column(name = "country_raw")
    String countryRaw;
    String region;
    String city;
    String industry;
    @Column(name = "employee_count")
    Integer employeeCount;
    @Column(name = "annual_revenue", precision = 19, scale = 2)
    BigDecimal annualRevenue;
    String campaign;
    @Column(name = "utm_source")
    String utmSource;
    @Column(name = "utm_medium")
    String utmMedium;
    @Column(name = "utm_campaign")
    String utmCampaign;
    @Column(name = "utm_term")
    String utmTerm;
    @Column(name = "utm_content")
    String utmContent;
    @Column(name = "consent_marketing")
    Boolean consentMarketing;
    @Column(name = "consent_at")
    Instant consentAt;
    @Column(name = "form_submissions", nullable = false)
    int formSubmissions;
    @Column(name = "page_views", nullable = false)
    int pageViews;
    @Column(name = "email_clicks", nullable = false)
    int emailClicks;
    @Column(name = "webinars_attended", nullable = false)
    int webinarsAttended;
    @Column(name = "last_activity_at")
    Instant lastActivityAt;
    /** Custom attributes as a JSON object. */
    @Lob
    String attributes;
    @Column(nullable = false)
    int touches;
    /** The current score; null until the lead is first scored. */
    @Embedded
    LeadScore scoring;
    /** The score this transaction stored in {@link #scoring}, so answering needs no re-parse of its explanation. */
    @Transient
    Score score;
    @Column(name = "queue_id", length = 64)
    String queueId;
    /** The rep the lead is with: assigned by routing, or the rep who claimed it. */
    @Column(name = "owner_rep_id", length = 128)
    String ownerRepId;
    @Column(name = "routed_at")
    Instant routedAt;
    /** The {@code RoutingDecision} with its trace, as JSON. */
    @Lob
    @Column(name = "routing_explanation")
    String routingExplanation;
    /** The decision this transaction wrote into {@link #routingExplanation}. */
    @Transient
    RoutingDecision routing;
    @Column(name = "queued_at")
    Instant queuedAt;
    /** The account routing matched the lead to, and by which rule (domain, name, fuzzy, parent, ambiguous, none). */
    @Column(name = "account_id", length = 64)
    String accountId;
    @Column(name = "account_match", length = 10)
    String accountMatch;
    @Embedded
    Sla sla = new Sla(null, 0);
    /** The current claim's lease; null when nobody holds one. */
    @Embedded
    Lease lease;
    @Column(name = "claimed_by", length = 128)
    String claimedBy;
    @Column(name = "claimed_at")
    Instant claimedAt;
    @Column(name = "first_claimed_at")
    Instant firstClaimedAt;
    @Column(name = "first_feedback_at")
    Instant firstFeedbackAt;
    @Column(name = "accepted_at")
    Instant acceptedAt;
    @Column(name = "rejected_at")
    Instant rejectedAt;
    @Column(name = "recycled_at")
    Instant recycledAt;
    @Column(name = "converted_at")
    Instant convertedAt;
    @Column(name = "won_at")
    Instant wonAt;
    @Column(name = "lost_at")
    Instant lostAt;
    @Column(name = "outcome_reason", length = 40)
    String outcomeReason;
    @Column(name = "feedback_rep_id", length = 128)
    String feedbackRepId;
    @Column(name = "deal_amount", precision = 19, scale = 2)
    BigDecimal dealAmount;

    /** Routing last found the lead below the minimum score (kept through an erasure, for reports). */
    @Column(nullable = false)
    boolean disqualified;

    /** The lead of this person's previous cycle, when this one started because a closed lead was touched again. */
    @Column(name = "previous_lead_id", length = 26)
    String previousLeadId;
    /** The lead of the cycle that followed this one, once it was touched again after closing. */
    @Column(name = "next_lead_id", length = 26)
    String nextLeadId;
    /** 1 for a person's first lead, n + 1 for the cycle after cycle n. */
    @Column(nullable = false)
    int cycle = 1;

    /** When the personal data was erased; the non-personal facts stay for reports. */
    @Column(name = "erased_at")
    Instant erasedAt;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Version
    long version;

    /** Moves the lead to {@code next}, keeping the open-email uniqueness column in step. */
    void moveTo(LeadStatus next) {
        status = next;
        openEmail = next.isOpen() ? email : null;
    }

    /**
     * The score's numbers on the lead, where {@link LeadFacts} reads them for routing: live intake and
     * simulation both go through here, so a rule sees the same score facts in both.
     */
    void takeScore(Score score, String explanation, Instant at) {
        this.scoring = new LeadScore(score, explanation, at);
        this.score = score;
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
     * ending any lease. Which verdict may follow which status is the caller's rule, answered there as a 409.
     */
    public LeadChange.Judged judge(LeadStatus verdict, String reason, BigDecimal amount, String repId, Instant now) {
        LeadStatus from = status;
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
            default -> throw new IllegalArgumentException(verdict + " is not a sales verdict");
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
        status = LeadStatus.ERASED;
        erasedAt = now;
        updatedAt = now;
        return new LeadChange.Erased(actor);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("Cannot " + action + " lead " + id + " while it is " + status.wire());
        }
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
