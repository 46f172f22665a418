package io.leadhandoff.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One verdict given on a lead; a lead collects several (accepted, then converted, then won). */
@Entity
@Table(name = "lead_feedback")
public class LeadFeedback {

    @Id
    @Column(length = 26)
    public String id;
    @Column(name = "lead_id", nullable = false, length = 26)
    public String leadId;
    @Column(nullable = false, length = 12)
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String reason;
    public String note;
    @Column(name = "rep_id")
    public String repId;
    @Column(precision = 19, scale = 2)
    public BigDecimal amount;
    @Column(name = "from_status", nullable = false, length = 20)
    public String fromStatus;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
