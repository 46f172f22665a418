package io.leadhandoff.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The stored answer to a request made with an {@code Idempotency-Key}, per caller and key. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String DONE = "DONE";

    @EmbeddedId
    public Key id;

    /** The attempt that holds the key while it is in flight; only it may store the answer. */
    @Column(length = 32)
    public String owner;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "status_code")
    public Integer statusCode;

    @Lob
    @Column(name = "response_body")
    public String responseBody;

    @Column(length = 512)
    public String location;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "locked_until", nullable = false)
    public Instant lockedUntil;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    boolean inFlight() {
        return IN_FLIGHT.equals(state);
    }

    /** Keys are scoped to the caller, so two clients can never collide on a key they both chose. */
    @Embeddable
    public record Key(
            @Column(name = "caller", length = 64) String caller,
            @Column(name = "idem_key", length = 255) String idemKey) implements Serializable {
    }
}
