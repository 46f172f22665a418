package io.leadhandoff.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** One configuration change: who, when, what. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @Column(length = 26)
    public String id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false, length = 128)
    public String actor;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(nullable = false, length = 300)
    public String target;

    /** The change as JSON: the new state, and the previous one where there was one. Never secrets. */
    @Lob
    public String detail;
}
