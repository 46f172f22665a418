package io.leadhandoff.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API key; the key itself is never stored, only its SHA-256. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    @Column(length = 26)
    public String id;

    @Column(nullable = false, length = 16)
    public String prefix;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    @Column(nullable = false, length = 100)
    public String name;

    /** Comma-separated wire names of the scopes. */
    @Column(nullable = false, length = 200)
    public String scopes;

    /** Comma-separated queue ids; null means every queue. */
    @Column(length = 2000)
    public String queues;

    @Column(name = "rate_per_second")
    public Integer ratePerSecond;

    public Integer burst;

    @Column(name = "created_by", nullable = false, length = 128)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
