package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** One thing that happened to a lead: its history, and later the change feed. */
@Entity
@Table(name = "lead_event")
public class LeadEvent {

    @Id
    @Column(length = 26)
    public String id;

    @Column(name = "lead_id", nullable = false, length = 26)
    public String leadId;

    @Column(nullable = false, length = 40)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String actor;

    /** The queue the lead was in when it happened, for per-queue reports. */
    @Column(name = "queue_id", length = 64)
    public String queueId;

    /** Event details as a JSON object. */
    @Lob
    public String detail;
}
