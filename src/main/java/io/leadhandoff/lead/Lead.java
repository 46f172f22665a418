package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/** A stored lead. Never leaves the service layer: the API speaks {@link LeadView}. */
@Entity
@Table(name = "lead")
public class Lead {

    @Id
    @Column(length = 26)
    public String id;

    @Column(nullable = false, length = 20)
    @Enumerated(EnumType.STRING)
    public LeadStatus status;

    public String source;
    @Column(name = "external_id")
    public String externalId;
    public String email;
    @Column(name = "email_raw")
    public String emailRaw;
    @Column(name = "open_email")
    public String openEmail;
    public String domain;
    @Column(name = "free_email", nullable = false)
    public boolean freeEmail;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String company;
    public String website;
    public String title;
    public String phone;
    @Column(name = "phone_raw")
    public String phoneRaw;
    public String country;
    @Column(name = "country_raw")
    public String countryRaw;
    public String region;
    public String city;
    public String industry;
    @Column(name = "employee_count")
    public Integer employeeCount;
    @Column(name = "annual_revenue", precision = 19, scale = 2)
    public BigDecimal annualRevenue;
    public String campaign;
    @Column(name = "utm_source")
    public String utmSource;
    @Column(name = "utm_medium")
    public String utmMedium;
    @Column(name = "utm_campaign")
    public String utmCampaign;
    @Column(name = "utm_term")
    public String utmTerm;
    @Column(name = "utm_content")
    public String utmContent;
    @Column(name = "consent_marketing")
    public Boolean consentMarketing;
    @Column(name = "consent_at")
    public Instant consentAt;
    @Column(name = "form_submissions", nullable = false)
    public int formSubmissions;
    @Column(name = "page_views", nullable = false)
    public int pageViews;
    @Column(name = "email_clicks", nullable = false)
    public int emailClicks;
    @Column(name = "webinars_attended", nullable = false)
    public int webinarsAttended;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    /** Custom attributes as a JSON object. */
    @Lob
    public String attributes;
    @Column(nullable = false)
    public int touches;
    @Column(name = "score_fit")
    public Integer scoreFit;
    @Column(name = "score_engagement")
    public Integer scoreEngagement;
    @Column(name = "score_total")
    public Integer scoreTotal;
    @Column(name = "score_grade", length = 1)
    public String scoreGrade;
    @Column(name = "score_model_version")
    public Integer scoreModelVersion;
    /** The whole {@code Score} with its explanation, as JSON. */
    @Lob
    @Column(name = "score_explanation")
    public String scoreExplanation;
    /** The score this transaction wrote into {@link #scoreExplanation}, so answering needs no re-parse. */
    @Transient
    public io.leadhandoff.scoring.Score score;
    @Column(name = "scored_at")
    public Instant scoredAt;
    @Column(name = "queue_id", length = 64)
    public String queueId;
    /** The rep the lead is with: assigned by routing, or the rep who claimed it. */
    @Column(name = "owner_rep_id", length = 128)
    public String ownerRepId;
    @Column(name = "routed_at")
    public Instant routedAt;
    /** The {@code RoutingDecision} with its trace, as JSON. */
    @Lob
    @Column(name = "routing_explanation")
    public String routingExplanation;
    /** The decision this transaction wrote into {@link #routingExplanation}. */
    @Transient
    public io.leadhandoff.routing.RoutingDecision routing;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "sla_due_at")
    public Instant slaDueAt;
    @Column(name = "sla_breaches", nullable = false)
    public int slaBreaches;
    @Column(name = "lease_token", length = 64)
    public String leaseToken;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "claimed_by", length = 128)
    public String claimedBy;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "first_claimed_at")
    public Instant firstClaimedAt;
    @Column(name = "first_feedback_at")
    public Instant firstFeedbackAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "rejected_at")
    public Instant rejectedAt;
    @Column(name = "recycled_at")
    public Instant recycledAt;
    @Column(name = "converted_at")
    public Instant convertedAt;
    @Column(name = "won_at")
    public Instant wonAt;
    @Column(name = "lost_at")
    public Instant lostAt;
    @Column(name = "outcome_reason", length = 40)
    public String outcomeReason;
    @Column(name = "feedback_rep_id", length = 128)
    public String feedbackRepId;
    @Column(name = "deal_amount", precision = 19, scale = 2)
    public java.math.BigDecimal dealAmount;
    @Column(name = "acceptance_probability")
    public Double acceptanceProbability;

    /** Routing last found the lead below the minimum score (kept through an erasure, for reports). */
    @Column(nullable = false)
    public boolean disqualified;

    /** The lead of this person's previous cycle, when this one started because a closed lead was touched again. */
    @Column(name = "previous_lead_id", length = 26)
    public String previousLeadId;
    /** The lead of the cycle that followed this one, once it was touched again after closing. */
    @Column(name = "next_lead_id", length = 26)
    public String nextLeadId;
    /** 1 for a person's first lead, n + 1 for the cycle after cycle n. */
    @Column(nullable = false)
    public int cycle = 1;

    /** When the personal data was erased; the non-personal facts stay for reports. */
    @Column(name = "erased_at")
    public Instant erasedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    /** Moves the lead to {@code next}, keeping the open-email uniqueness column in step. */
    public void moveTo(LeadStatus next) {
        status = next;
        openEmail = next.isOpen() ? email : null;
    }
}
