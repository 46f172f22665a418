package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

    /** A lease until {@code expiresAt}, rounded up to a whole second (see {@link #end}). */
    Lease(String token, Instant expiresAt) {
        this.token = token;
        this.expiresAt = end(expiresAt);
    }

    /**
     * Where a lease asked to run until {@code until} ends: at the next whole second, never earlier. What a claim answers
     * is then exactly what every database stores — MariaDB through MySQL Connector/J keeps whole seconds only — so a
     * lease never runs out before the time its holder was told.
     */
    static Instant end(Instant until) {
        Instant whole = until.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(until) ? whole : whole.plusSeconds(1);
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
