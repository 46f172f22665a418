package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/** A queued lead's service level: when it must be claimed by, and how often it missed that. Immutable. */
@Embeddable
public class Sla {

    @Column(name = "sla_due_at")
    private Instant dueAt;
    @Column(name = "sla_breaches", nullable = false)
    private int breaches;

    protected Sla() {
        // for JPA
    }

    Sla(Instant dueAt, int breaches) {
        this.dueAt = dueAt;
        this.breaches = breaches;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public int breaches() {
        return breaches;
    }

    /** Due {@code minutes} after {@code from}, or not due at all when the queue has no SLA. */
    Sla dueAfter(Integer minutes, Instant from) {
        return new Sla(minutes == null ? null : from.plus(Duration.ofMinutes(minutes)), breaches);
    }

    Sla stopped() {
        return new Sla(null, breaches);
    }

    Sla breached() {
        return new Sla(dueAt, breaches + 1);
    }
}
