package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * A claim's lease: the fencing token and when it runs out. Immutable; a lead without a lease holds none (both columns
 * null load as no lease at all), so a lease is replaced, never edited in place.
 */
@Embeddable
public class Lease {

    @Column(name = "lease_token", length = 64)
    private String token;
    @Column(name = "lease_expires_at")
    private Instant expiresAt;

    protected Lease() {
        // for JPA
    }

    Lease(String token, Instant expiresAt) {
        this.token = token;
        this.expiresAt = expiresAt;
    }

    public String token() {
        return token;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    Lease extendedTo(Instant until) {
        return new Lease(token, until);
    }

    boolean isLive(Instant now) {
        return token != null && expiresAt != null && expiresAt.isAfter(now);
    }
}
