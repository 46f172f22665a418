package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
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

    /** Due at {@code dueAt} (the queue's clock computed it), or not due at all when null. */
    Sla dueAt(Instant dueAt) {
        return new Sla(dueAt, breaches);
    }

    Sla stopped() {
        return new Sla(null, breaches);
    }

    Sla breached() {
        return new Sla(dueAt, breaches + 1);
    }
}
